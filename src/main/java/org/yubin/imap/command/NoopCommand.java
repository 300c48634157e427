package org.yubin.imap.command;

import java.io.IOException;
import java.util.Set;

import org.yubin.imap.ImapCommandException;
import org.yubin.imap.ImapSession;
import org.yubin.imap.ImapSessionState;
import org.yubin.imap.SelectedMailbox;
import org.yubin.imap.codec.ImapRequest;

/**
 * NOOP (RFC 3501 6.1.2) and CHECK (6.4.1, nothing to flush in a Maildir): both rescan the
 * selected mailbox, changed or not, so a client polling this way sees every change.
 */
final class NoopCommand implements ImapCommand {

    private final Set<ImapSessionState> states;
    private final String name;

    NoopCommand(Set<ImapSessionState> states, String name) {
        this.states = states;
        this.name = name;
    }

    @Override
    public Set<ImapSessionState> validIn() {
        return states;
    }

    @Override
    public String execute(ImapSession session, ImapRequest.Command command) throws ImapCommandException, IOException {
        Args.none(command);
        SelectedMailbox selected = session.selected();
        if (selected != null) {
            selected.markChanged();
        }
        return "OK " + name + " completed";
    }
}
