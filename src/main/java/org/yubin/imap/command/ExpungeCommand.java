package org.yubin.imap.command;

import java.io.IOException;
import java.util.Set;

import org.yubin.imap.ImapCommandException;
import org.yubin.imap.ImapSession;
import org.yubin.imap.ImapSessionState;
import org.yubin.imap.SelectedMailbox;
import org.yubin.imap.codec.ImapRequest;

/** EXPUNGE (RFC 3501 6.4.3) and UID EXPUNGE (UIDPLUS, RFC 4315 2.1: only the named messages). */
final class ExpungeCommand implements ImapCommand {

    private final boolean uid;

    ExpungeCommand(boolean uid) {
        this.uid = uid;
    }

    @Override
    public Set<ImapSessionState> validIn() {
        return SELECTED;
    }

    @Override
    public String execute(ImapSession session, ImapRequest.Command command) throws ImapCommandException, IOException {
        Args.count(command, uid ? 1 : 0, uid ? 1 : 0);
        SelectedMailbox selected = session.selected();
        if (selected.isReadOnly()) {
            throw ImapCommandException.no("[READ-ONLY] Mailbox is read-only");
        }
        int[] among = uid ? selected.resolve(Args.sequenceSet(command.args().get(0)), true) : null;
        Expunger.expunge(session, Expunger.deleted(selected, among), false);
        return "OK Expunge completed";
    }
}
