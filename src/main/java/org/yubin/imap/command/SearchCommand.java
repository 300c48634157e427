package org.yubin.imap.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.yubin.delivery.store.MailboxMessage;
import org.yubin.imap.ImapCommandException;
import org.yubin.imap.ImapSession;
import org.yubin.imap.SelectedMailbox;
import org.yubin.imap.codec.ImapRequest;
import org.yubin.imap.codec.ImapSyntaxException;
import org.yubin.imap.codec.SequenceSet;
import org.yubin.imap.message.ParsedMessage;
import org.yubin.imap.search.BadCharsetException;
import org.yubin.imap.search.SearchContext;
import org.yubin.imap.search.SearchMatcher;
import org.yubin.imap.search.SearchRequest;

/**
 * SEARCH and UID SEARCH (RFC 3501 6.4.4): the keys are {@link SearchRequest}'s, matched by
 * {@link SearchMatcher}; content is read only for messages a content key reaches. With
 * MODSEQ keys the answer carries the highest modseq found (RFC 7162 3.1.5); with return
 * options (RFC 4731) it is an ESEARCH response.
 */
final class SearchCommand extends MessageSetCommand {

    SearchCommand(boolean uid) {
        super(uid);
    }

    @Override
    public String execute(ImapSession session, ImapRequest.Command command) throws ImapCommandException, IOException {
        SearchRequest request;
        try {
            request = SearchRequest.parse(command.args());
        } catch (ImapSyntaxException e) {
            throw ImapCommandException.bad(e.getMessage());
        } catch (BadCharsetException e) {
            throw ImapCommandException.no(BadCharsetException.RESPONSE_CODE + " Unsupported charset");
        }
        if (request.usesModSeq()) {
            session.enableCondstore();
        }
        SelectedMailbox selected = session.selected();
        List<MailboxMessage> messages = selected.messages();
        long largestUid = messages.isEmpty() ? 0 : messages.get(messages.size() - 1).uid();
        List<Long> found = new ArrayList<>();
        long highestModSeq = 0;
        // looked up once: each look-up clones the default TimeZone, and a SEARCH visits every message
        ZoneId zone = ZoneId.systemDefault();
        try {
            for (int seq = 1; seq <= messages.size(); seq++) {
                MailboxMessage message = messages.get(seq - 1);
                SearchContext context = new SearchContext(seq, message, selected.isRecent(message), messages.size(),
                        largestUid, () -> content(selected, message), zone);
                if (SearchMatcher.matches(request, context)) {
                    found.add(uid ? message.uid() : seq);
                    highestModSeq = Math.max(highestModSeq, message.modSeq());
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        session.untagged(request.extended() ? esearch(command.tag(), request, found, highestModSeq)
                : search(request, found, highestModSeq));
        return "OK Search completed";
    }

    private String search(SearchRequest request, List<Long> found, long highestModSeq) {
        StringBuilder out = new StringBuilder("SEARCH");
        for (long n : found) {
            out.append(' ').append(n);
        }
        if (request.usesModSeq() && !found.isEmpty()) {
            out.append(" (MODSEQ ").append(highestModSeq).append(')');
        }
        return out.toString();
    }

    private String esearch(String tag, SearchRequest request, List<Long> found, long highestModSeq) {
        StringBuilder out = new StringBuilder("ESEARCH (TAG \"").append(tag).append("\")");
        if (uid) {
            out.append(" UID");
        }
        Set<SearchRequest.ReturnOption> options = request.returnOptions();
        boolean all = options.isEmpty() || options.contains(SearchRequest.ReturnOption.ALL);
        if (!found.isEmpty()) {
            if (options.contains(SearchRequest.ReturnOption.MIN)) {
                out.append(" MIN ").append(found.get(0));
            }
            if (options.contains(SearchRequest.ReturnOption.MAX)) {
                out.append(" MAX ").append(found.get(found.size() - 1));
            }
            if (all) {
                out.append(" ALL ").append(SequenceSet.format(found));
            }
        }
        if (options.contains(SearchRequest.ReturnOption.COUNT)) {
            out.append(" COUNT ").append(found.size());
        }
        if (request.usesModSeq() && !found.isEmpty()) {
            out.append(" MODSEQ ").append(highestModSeq);
        }
        return out.toString();
    }

    private static ParsedMessage content(SelectedMailbox selected, MailboxMessage message) {
        try {
            return MessageContent.parse(selected.mailbox(), message);
        } catch (NoSuchFileException expunged) {
            return ParsedMessage.parse(new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
