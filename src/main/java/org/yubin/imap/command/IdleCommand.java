package org.yubin.imap.command;

import java.io.IOException;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yubin.imap.ImapSession;
import org.yubin.imap.ImapSessionState;
import org.yubin.imap.SelectedMailbox;
import org.yubin.imap.codec.ImapRequest;

/**
 * IDLE (RFC 2177): {@code + idling}, then every change of the selected mailbox is
 * reported as it happens (the store's change events, within a second of a delivery) until
 * the client sends {@code DONE}. Holds no thread while waiting; the idle timeout still applies.
 */
final class IdleCommand implements ImapCommand {

    private static final Logger LOG = LoggerFactory.getLogger(IdleCommand.class);

    @Override
    public Set<ImapSessionState> validIn() {
        return AUTHENTICATED;
    }

    @Override
    public String execute(ImapSession session, ImapRequest.Command command) {
        if (!command.args().isEmpty()) {
            return "BAD IDLE takes no arguments";
        }
        report(session);
        session.continuation("idling");
        session.onMailboxChange(() -> {
            report(session);
            session.flush();
        });
        session.onRawLine(line -> {
            session.onMailboxChange(null);
            if (line.equalsIgnoreCase("DONE")) {
                report(session);
                session.tagged(command.tag(), "OK Idle completed");
            } else {
                session.tagged(command.tag(), "BAD Expected DONE");
            }
        });
        return null;
    }

    private static void report(ImapSession session) {
        SelectedMailbox selected = session.selected();
        if (selected != null && selected.hasChanged()) {
            try {
                selected.update(session);
            } catch (IOException e) {
                LOG.warn("imap({}): refreshing {} failed: {}", session.user().login(), selected.name(), e.toString());
            }
        }
    }
}
