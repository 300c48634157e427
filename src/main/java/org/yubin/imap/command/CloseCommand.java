package org.yubin.imap.command;

import java.io.IOException;
import java.util.Set;

import org.yubin.imap.ImapCommandException;
import org.yubin.imap.ImapSession;
import org.yubin.imap.ImapSessionState;
import org.yubin.imap.SelectedMailbox;
import org.yubin.imap.codec.ImapRequest;

/**
 * CLOSE (RFC 3501 6.4.2: silently expunges a read-write mailbox) and UNSELECT
 * (RFC 3691: closes without expunging). Both go back to AUTHENTICATED.
 */
final class CloseCommand implements ImapCommand {

    private final boolean expunge;

    CloseCommand(boolean expunge) {
        this.expunge = expunge;
    }

    @Override
    public Set<ImapSessionState> validIn() {
        return SELECTED;
    }

    @Override
    public String execute(ImapSession session, ImapRequest.Command command) throws ImapCommandException, IOException {
        Args.none(command);
        SelectedMailbox selected = session.selected();
        if (expunge && !selected.isReadOnly()) {
            Expunger.expunge(session, Expunger.deleted(selected, null), true);
        }
        session.deselect();
        return expunge ? "OK Close completed" : "OK Unselect completed";
    }
}
