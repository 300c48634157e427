package org.yubin.imap.search;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.yubin.imap.message.ParsedMessage;
import org.yubin.imap.search.SearchKey.DateComparison;

/**
 * Decides whether one message matches a {@link SearchRequest}. String keys are
 * case-insensitive substring matches on decoded text (RFC 2047 headers, transfer encoding and
 * charset of bodies); the content is read at most once per message and only when a key needs
 * it. A message with no readable Date: header was sent on 1 January 1970 for SENT*, as in Dovecot.
 * Stateless and thread-safe.
 */
public final class SearchMatcher {

    private static final LocalDate NO_SENT_DATE = LocalDate.EPOCH;

    private SearchMatcher() {
    }

    public static boolean matches(SearchRequest request, SearchContext context) {
        return new Evaluation(context).matches(request.key());
    }

    /** One message's evaluation: holds the content once read. */
    private static final class Evaluation {
        private final SearchContext ctx;
        private ParsedMessage parsed;

        Evaluation(SearchContext ctx) {
            this.ctx = ctx;
        }

        private ParsedMessage content() {
            if (parsed == null) {
                parsed = ctx.content().get();
            }
            return parsed;
        }

        boolean matches(SearchKey key) {
            if (key instanceof SearchKey.And and) {
                return allMatch(and.keys());
            }
            if (key instanceof SearchKey.Or or) {
                return matches(or.left()) || matches(or.right());
            }
            if (key instanceof SearchKey.Not not) {
                return !matches(not.key());
            }
            if (key instanceof SearchKey.Flag flag) {
                return ctx.message().flags().system().contains(flag.flag()) == flag.set();
            }
            if (key instanceof SearchKey.Keyword keyword) {
                return ctx.message().flags().keywords().stream()
                        .anyMatch(k -> k.equalsIgnoreCase(keyword.keyword())) == keyword.set();
            }
            if (key instanceof SearchKey.Recent) {
                return ctx.recent();
            }
            if (key instanceof SearchKey.InternalDate date) {
                return compare(ctx.message().internalDate().atZone(ctx.zone()).toLocalDate(), date.comparison(), date.date());
            }
            if (key instanceof SearchKey.SentDate date) {
                return compare(sentDate(), date.comparison(), date.date());
            }
            if (key instanceof SearchKey.Size size) {
                long octets = ctx.message().virtualSize();
                return size.larger() ? octets > size.octets() : octets < size.octets();
            }
            if (key instanceof SearchKey.Header header) {
                return header(header.field(), header.value());
            }
            if (key instanceof SearchKey.Body body) {
                return contains(content().bodyText(), body.value());
            }
            if (key instanceof SearchKey.Text text) {
                return contains(content().headerText(), text.value()) || contains(content().bodyText(), text.value());
            }
            if (key instanceof SearchKey.Sequence sequence) {
                return sequence.set().contains(ctx.seq(), ctx.largestSeq());
            }
            if (key instanceof SearchKey.Uid uid) {
                return uid.set().contains(ctx.message().uid(), ctx.largestUid());
            }
            if (key instanceof SearchKey.ModSeq modSeq) {
                return ctx.message().modSeq() >= modSeq.modSeq();
            }
            return key instanceof SearchKey.All;
        }

        /** Keys that need no content first, so a failing flag or UID key spares reading the message. */
        private boolean allMatch(List<SearchKey> keys) {
            for (SearchKey key : keys) {
                if (!key.needsContent() && !matches(key)) {
                    return false;
                }
            }
            for (SearchKey key : keys) {
                if (key.needsContent() && !matches(key)) {
                    return false;
                }
            }
            return true;
        }

        private LocalDate sentDate() {
            return content().sentDate().orElse(NO_SENT_DATE);
        }

        private boolean header(String field, String value) {
            List<String> values = content().headerValues(field);
            if (value.isEmpty()) {
                return !values.isEmpty();
            }
            for (String v : values) {
                if (contains(v, value)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static boolean compare(LocalDate actual, DateComparison comparison, LocalDate date) {
        return switch (comparison) {
            case BEFORE -> actual.isBefore(date);
            case ON -> actual.isEqual(date);
            case SINCE -> !actual.isBefore(date);
        };
    }

    /** Case-insensitive substring; an empty needle matches. */
    static boolean contains(String haystack, String needle) {
        if (needle.isEmpty()) {
            return true;
        }
        return fold(haystack).contains(fold(needle));
    }

    private static String fold(String s) {
        return s.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }
}
