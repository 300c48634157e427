package org.yubin.imap.command;

import java.io.IOException;
import java.util.Set;

import org.yubin.imap.ImapCommandException;
import org.yubin.imap.ImapSession;
import org.yubin.imap.ImapSessionState;
import org.yubin.imap.codec.ImapRequest;

/** SUBSCRIBE and UNSUBSCRIBE (RFC 3501 6.3.6, 6.3.7): the {@code subscriptions} file. */
final class SubscribeCommand implements ImapCommand {

    private final boolean subscribe;

    SubscribeCommand(boolean subscribe) {
        this.subscribe = subscribe;
    }

    @Override
    public Set<ImapSessionState> validIn() {
        return AUTHENTICATED;
    }

    @Override
    public String execute(ImapSession session, ImapRequest.Command command) throws ImapCommandException, IOException {
        Args.count(command, 1, 1);
        String name = session.mailboxName(command.args().get(0));
        if (subscribe) {
            session.store().subscribe(name);
            return "OK Subscribe completed";
        }
        session.store().unsubscribe(name);
        return "OK Unsubscribe completed";
    }
}
