package org.yubin.imap.search;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.yubin.delivery.store.MessageFlags.SystemFlag;
import org.yubin.imap.codec.ImapSyntaxException;
import org.yubin.imap.codec.ImapToken;
import org.yubin.imap.codec.SequenceSet;
import org.yubin.imap.search.SearchKey.DateComparison;

/**
 * The arguments of SEARCH / UID SEARCH (RFC 3501 section 6.4.4): {@code [RETURN (...)]}
 * (ESEARCH, RFC 4731), {@code [CHARSET UTF-8|US-ASCII]}, then the keys, all of which must
 * match. Strings are read as UTF-8 (US-ASCII is a subset of it). Immutable.
 *
 * <p>Limits: nesting of NOT, OR and parentheses is at most {@value #MAX_DEPTH} deep.
 */
public final class SearchRequest {

    /** ESEARCH result options; RETURN () means ALL. */
    public enum ReturnOption { MIN, MAX, ALL, COUNT, SAVE }

    static final int MAX_DEPTH = 50;

    private final SearchKey key;
    private final Set<ReturnOption> returnOptions;

    private SearchRequest(SearchKey key, Set<ReturnOption> returnOptions) {
        this.key = key;
        this.returnOptions = returnOptions;
    }

    /**
     * Parses the arguments after SEARCH.
     *
     * @throws BadCharsetException for a CHARSET other than UTF-8 and US-ASCII
     * @throws ImapSyntaxException for anything not in the grammar
     */
    public static SearchRequest parse(List<ImapToken> args) throws ImapSyntaxException, BadCharsetException {
        Cursor c = new Cursor(args);
        Set<ReturnOption> returnOptions = null;
        if (c.peekAtom("RETURN")) {
            c.next();
            if (!(c.next() instanceof ImapToken.ListToken options)) {
                throw new ImapSyntaxException("RETURN needs a list of options");
            }
            returnOptions = EnumSet.noneOf(ReturnOption.class);
            for (ImapToken option : options.items()) {
                try {
                    returnOptions.add(ReturnOption.valueOf(atom(option).toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new ImapSyntaxException("Unknown RETURN option " + option.text());
                }
            }
            if (returnOptions.isEmpty()) {
                returnOptions.add(ReturnOption.ALL);
            }
        }
        if (c.peekAtom("CHARSET")) {
            c.next();
            if (!c.hasNext()) {
                throw new ImapSyntaxException("CHARSET needs a name");
            }
            String charset = c.next().text();
            if (!charset.equalsIgnoreCase("UTF-8") && !charset.equalsIgnoreCase("US-ASCII")) {
                throw new BadCharsetException(charset);
            }
        }
        List<SearchKey> keys = new ArrayList<>();
        while (c.hasNext()) {
            keys.add(c.key(0));
        }
        if (keys.isEmpty()) {
            throw new ImapSyntaxException("Missing search keys");
        }
        return new SearchRequest(keys.size() == 1 ? keys.get(0) : new SearchKey.And(keys),
                returnOptions == null ? null : Set.copyOf(returnOptions));
    }

    /** All keys as one (an {@link SearchKey.And} when there were several). */
    public SearchKey key() {
        return key;
    }

    /** Whether the client asked for an ESEARCH answer ({@code RETURN}). */
    public boolean extended() {
        return returnOptions != null;
    }

    /** The RETURN options, empty for a plain SEARCH. */
    public Set<ReturnOption> returnOptions() {
        return returnOptions == null ? Set.of() : returnOptions;
    }

    /** Whether matching needs the message content (give {@link SearchContext} a reader). */
    public boolean needsContent() {
        return key.needsContent();
    }

    /** Whether a MODSEQ key is used: the untagged SEARCH response ends with {@code (MODSEQ n)} (RFC 7162 3.1.5). */
    public boolean usesModSeq() {
        return usesModSeq(key);
    }

    private static boolean usesModSeq(SearchKey key) {
        if (key instanceof SearchKey.And and) {
            return and.keys().stream().anyMatch(SearchRequest::usesModSeq);
        }
        if (key instanceof SearchKey.Or or) {
            return usesModSeq(or.left()) || usesModSeq(or.right());
        }
        if (key instanceof SearchKey.Not not) {
            return usesModSeq(not.key());
        }
        return key instanceof SearchKey.ModSeq;
    }

    private static String atom(ImapToken token) throws ImapSyntaxException {
        if (token instanceof ImapToken.Atom atom) {
            return atom.value();
        }
        throw new ImapSyntaxException("Expected an atom");
    }

    private static final class Cursor {
        private final List<ImapToken> tokens;
        private int i;

        Cursor(List<ImapToken> tokens) {
            this.tokens = tokens;
        }

        boolean hasNext() {
            return i < tokens.size();
        }

        ImapToken next() throws ImapSyntaxException {
            if (i >= tokens.size()) {
                throw new ImapSyntaxException("Missing search argument");
            }
            return tokens.get(i++);
        }

        boolean peekAtom(String word) {
            return hasNext() && tokens.get(i) instanceof ImapToken.Atom atom && atom.is(word);
        }

        SearchKey key(int depth) throws ImapSyntaxException {
            if (depth > MAX_DEPTH) {
                throw new ImapSyntaxException("Search keys nested too deeply");
            }
            ImapToken token = next();
            if (token instanceof ImapToken.ListToken list) {
                Cursor inner = new Cursor(list.items());
                List<SearchKey> keys = new ArrayList<>();
                while (inner.hasNext()) {
                    keys.add(inner.key(depth + 1));
                }
                if (keys.isEmpty()) {
                    throw new ImapSyntaxException("Empty search key list");
                }
                return keys.size() == 1 ? keys.get(0) : new SearchKey.And(keys);
            }
            String word = atom(token);
            if (SequenceSet.looksLikeSequenceSet(word)) {
                return new SearchKey.Sequence(sequenceSet(word));
            }
            return switch (word.toUpperCase(Locale.ROOT)) {
                case "ALL" -> new SearchKey.All();
                case "ANSWERED" -> new SearchKey.Flag(SystemFlag.ANSWERED, true);
                case "DELETED" -> new SearchKey.Flag(SystemFlag.DELETED, true);
                case "DRAFT" -> new SearchKey.Flag(SystemFlag.DRAFT, true);
                case "FLAGGED" -> new SearchKey.Flag(SystemFlag.FLAGGED, true);
                case "SEEN" -> new SearchKey.Flag(SystemFlag.SEEN, true);
                case "UNANSWERED" -> new SearchKey.Flag(SystemFlag.ANSWERED, false);
                case "UNDELETED" -> new SearchKey.Flag(SystemFlag.DELETED, false);
                case "UNDRAFT" -> new SearchKey.Flag(SystemFlag.DRAFT, false);
                case "UNFLAGGED" -> new SearchKey.Flag(SystemFlag.FLAGGED, false);
                case "UNSEEN" -> new SearchKey.Flag(SystemFlag.SEEN, false);
                case "RECENT" -> new SearchKey.Recent();
                case "NEW" -> new SearchKey.And(List.of(new SearchKey.Recent(), new SearchKey.Flag(SystemFlag.SEEN, false)));
                case "OLD" -> new SearchKey.Not(new SearchKey.Recent());
                case "KEYWORD" -> new SearchKey.Keyword(atom(next()), true);
                case "UNKEYWORD" -> new SearchKey.Keyword(atom(next()), false);
                case "BEFORE" -> new SearchKey.InternalDate(DateComparison.BEFORE, date());
                case "ON" -> new SearchKey.InternalDate(DateComparison.ON, date());
                case "SINCE" -> new SearchKey.InternalDate(DateComparison.SINCE, date());
                case "SENTBEFORE" -> new SearchKey.SentDate(DateComparison.BEFORE, date());
                case "SENTON" -> new SearchKey.SentDate(DateComparison.ON, date());
                case "SENTSINCE" -> new SearchKey.SentDate(DateComparison.SINCE, date());
                case "LARGER" -> new SearchKey.Size(number(), true);
                case "SMALLER" -> new SearchKey.Size(number(), false);
                case "FROM" -> new SearchKey.Header("From", string());
                case "TO" -> new SearchKey.Header("To", string());
                case "CC" -> new SearchKey.Header("Cc", string());
                case "BCC" -> new SearchKey.Header("Bcc", string());
                case "SUBJECT" -> new SearchKey.Header("Subject", string());
                case "HEADER" -> new SearchKey.Header(headerName(), string());
                case "BODY" -> new SearchKey.Body(string());
                case "TEXT" -> new SearchKey.Text(string());
                case "UID" -> new SearchKey.Uid(sequenceSet(atom(next())));
                case "NOT" -> new SearchKey.Not(key(depth + 1));
                case "OR" -> new SearchKey.Or(key(depth + 1), key(depth + 1));
                case "MODSEQ" -> modSeq();
                default -> throw new ImapSyntaxException("Unknown search key " + word);
            };
        }

        private String string() throws ImapSyntaxException {
            ImapToken token = next();
            if (token instanceof ImapToken.Str str) {
                return new String(str.bytes(), StandardCharsets.UTF_8);
            }
            return atom(token);
        }

        private String headerName() throws ImapSyntaxException {
            String name = string();
            if (name.isEmpty() || name.chars().anyMatch(ch -> ch <= ' ' || ch == ':' || ch > 126)) {
                throw new ImapSyntaxException("Invalid header field name");
            }
            return name;
        }

        private long number() throws ImapSyntaxException {
            String text = atom(next());
            if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(Character::isDigit)
                    || Long.parseLong(text) > 0xFFFF_FFFFL) {
                throw new ImapSyntaxException("Invalid number " + text);
            }
            return Long.parseLong(text);
        }

        /** RFC 3501 date: {@code d-Mon-yyyy}, as atom or quoted. */
        private LocalDate date() throws ImapSyntaxException {
            String text = next().text();
            String[] parts = text.split("-", -1);
            if (parts.length == 3 && parts[0].matches("\\d{1,2}") && parts[2].matches("\\d{4}")) {
                int month = "janfebmaraprmayjunjulaugsepoctnovdec".indexOf(parts[1].toLowerCase(Locale.ROOT));
                if (parts[1].length() == 3 && month >= 0 && month % 3 == 0) {
                    try {
                        return LocalDate.of(Integer.parseInt(parts[2]), month / 3 + 1, Integer.parseInt(parts[0]));
                    } catch (DateTimeException e) {
                        // falls through to the syntax error
                    }
                }
            }
            throw new ImapSyntaxException("Invalid date " + text);
        }

        private SearchKey modSeq() throws ImapSyntaxException {
            ImapToken token = next();
            String entryName = null;
            String entryType = null;
            if (token instanceof ImapToken.Str str) {
                entryName = str.utf8();
                entryType = atom(next()).toLowerCase(Locale.ROOT);
                if (!Set.of("priv", "shared", "all").contains(entryType)) {
                    throw new ImapSyntaxException("Invalid MODSEQ entry type " + entryType);
                }
                token = next();
            }
            String text = atom(token);
            if (text.isEmpty() || text.length() > 19 || !text.chars().allMatch(Character::isDigit)) {
                throw new ImapSyntaxException("Invalid mod-sequence " + text);
            }
            try {
                return new SearchKey.ModSeq(Long.parseLong(text), entryName, entryType);
            } catch (NumberFormatException e) {
                throw new ImapSyntaxException("Invalid mod-sequence " + text);
            }
        }

        private static SequenceSet sequenceSet(String text) throws ImapSyntaxException {
            try {
                return SequenceSet.parse(text);
            } catch (IllegalArgumentException e) {
                throw new ImapSyntaxException(e.getMessage());
            }
        }
    }
}
