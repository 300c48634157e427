package org.yubin.imap.command;

import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yubin.imap.ImapCommandException;
import org.yubin.imap.ImapSession;
import org.yubin.imap.ImapSessionState;
import org.yubin.imap.codec.ImapRequest;
import org.yubin.imap.codec.ImapToken;

/** ID (RFC 2971): logs what the client says of itself (bounded), names the server. */
final class IdCommand implements ImapCommand {

    private static final Logger LOG = LoggerFactory.getLogger(IdCommand.class);
    /** RFC 2971 3.3: at most 30 field-value pairs; longer values are cut for the log. */
    private static final int MAX_PAIRS = 30;
    private static final int MAX_LOGGED = 512;

    @Override
    public Set<ImapSessionState> validIn() {
        return ANY;
    }

    @Override
    public String execute(ImapSession session, ImapRequest.Command command) throws ImapCommandException {
        Args.count(command, 1, 1);
        ImapToken arg = command.args().get(0);
        if (arg instanceof ImapToken.ListToken list) {
            if (list.items().size() > 2 * MAX_PAIRS || list.items().size() % 2 != 0) {
                throw ImapCommandException.bad("Invalid ID parameters");
            }
            StringBuilder logged = new StringBuilder();
            for (ImapToken item : list.items()) {
                if (item instanceof ImapToken.ListToken) {
                    throw ImapCommandException.bad("Invalid ID parameters");
                }
                logged.append(logged.length() == 0 ? "" : " ").append(item.text());
            }
            String text = logged.toString().replaceAll("[\\p{Cntrl}]", "?");
            LOG.info("imap: ID from {}: {}", session.client(), text.length() > MAX_LOGGED ? text.substring(0, MAX_LOGGED) : text);
        } else if (!(arg instanceof ImapToken.Atom atom && atom.is("NIL"))) {
            throw ImapCommandException.bad("ID expects a list or NIL");
        }
        session.untagged("ID (\"name\" \"yubin\" \"vendor\" \"yubin\")");
        return "OK ID completed";
    }
}
