package org.yubin.imap.command;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.ZoneId;
import java.util.EnumSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yubin.delivery.store.MailboxMessage;
import org.yubin.delivery.store.MessageFlags;
import org.yubin.delivery.store.MessageFlags.SystemFlag;
import org.yubin.imap.ImapCommandException;
import org.yubin.imap.ImapSession;
import org.yubin.imap.SelectedMailbox;
import org.yubin.imap.codec.ImapRequest;
import org.yubin.imap.codec.ImapSyntaxException;
import org.yubin.imap.fetch.FetchRequest;
import org.yubin.imap.fetch.FetchResponder;
import org.yubin.imap.message.ParsedMessage;

/**
 * FETCH and UID FETCH (RFC 3501 6.4.5, 6.4.8) with CHANGEDSINCE (RFC 7162). Items are
 * parsed and rendered by {@link FetchRequest} and {@link FetchResponder}; this command
 * walks the messages, sets {@code \Seen} where a non-PEEK body fetch asks for it, and
 * keeps memory flat on large fetches: each response is written as it is made, and when
 * the client reads slower than we write, the walk stops until the output has drained.
 */
final class FetchCommand extends MessageSetCommand {

    private static final Logger LOG = LoggerFactory.getLogger(FetchCommand.class);

    FetchCommand(boolean uid) {
        super(uid);
    }

    @Override
    public String execute(ImapSession session, ImapRequest.Command command) throws ImapCommandException, IOException {
        Args.count(command, 2, 3);
        SelectedMailbox selected = session.selected();
        int[] seqs = selected.resolve(Args.sequenceSet(command.args().get(0)), uid);
        FetchRequest request;
        try {
            request = FetchRequest.parse(command.args().subList(1, command.args().size()), uid);
        } catch (ImapSyntaxException e) {
            throw ImapCommandException.bad(e.getMessage());
        }
        if (request.changedSince().isPresent() || request.wantsModSeq()) {
            session.enableCondstore();
        }
        return new Walk(session, selected, command.tag(), seqs, request).run(0);
    }

    /** One FETCH's progress through its messages; resumes where it stopped when the output drains. */
    private static final class Walk {
        private final ImapSession session;
        private final SelectedMailbox selected;
        private final String tag;
        private final int[] seqs;
        private final FetchRequest request;
        /** The server's zone for INTERNALDATE, looked up once: each look-up clones the default TimeZone. */
        private final ZoneId zone = ZoneId.systemDefault();

        Walk(ImapSession session, SelectedMailbox selected, String tag, int[] seqs, FetchRequest request) {
            this.session = session;
            this.selected = selected;
            this.tag = tag;
            this.seqs = seqs;
            this.request = request;
        }

        /** Returns the completion, or null when it stopped to wait and will answer itself. */
        String run(int from) throws IOException {
            for (int i = from; i < seqs.length; i++) {
                fetch(seqs[i]);
                if (i + 1 < seqs.length && session.mustWait()) {
                    int next = i + 1;
                    session.whenWritable(() -> resume(next));
                    return null;
                }
            }
            return "OK Fetch completed";
        }

        private void resume(int from) {
            String completion;
            try {
                completion = session.selected() == selected ? run(from) : "NO Mailbox closed";
            } catch (IOException | RuntimeException e) {
                LOG.warn("imap({}): FETCH failed: {}", session.user().login(), e.toString());
                completion = "NO [SERVERBUG] Internal error occurred. Refer to server log for more information.";
            }
            if (completion != null) {
                session.tagged(tag, completion);
                session.flush();
                session.resumeReading();
            }
        }

        private void fetch(int seq) throws IOException {
            MailboxMessage message = selected.get(seq);
            if (request.changedSince().isPresent() && message.modSeq() <= request.changedSince().getAsLong()) {
                return;
            }
            ParsedMessage parsed = null;
            if (request.needsContent()) {
                try {
                    parsed = MessageContent.parse(selected.mailbox(), message);
                } catch (NoSuchFileException expunged) {
                    // expunged by another session since this one last looked: nothing to send
                    return;
                }
                session.countFetched();
            }
            boolean seenNow = false;
            if (request.setsSeen() && !selected.isReadOnly() && !message.flags().system().contains(SystemFlag.SEEN)) {
                EnumSet<SystemFlag> system = EnumSet.of(SystemFlag.SEEN);
                system.addAll(message.flags().system());
                message = selected.mailbox().setFlags(message, new MessageFlags(system, message.flags().keywords()));
                selected.replace(seq, message);
                seenNow = true;
            }
            session.write(FetchResponder.renderBuffer(seq, message, selected.isRecent(message), parsed, request, seenNow, zone));
        }
    }
}
