package org.yubin.imap.command;

import java.io.IOException;
import java.util.Set;

import org.yubin.delivery.store.QuotaUsage;
import org.yubin.delivery.store.UserStore;
import org.yubin.imap.ImapCommandException;
import org.yubin.imap.ImapSession;
import org.yubin.imap.ImapSessionState;
import org.yubin.imap.codec.ImapRequest;

/**
 * GETQUOTA, GETQUOTAROOT and SETQUOTA (RFC 9208, formerly 2087): one quota root {@code ""}
 * per user with the STORAGE resource in KiB, its limit from the directory. A user without
 * a limit has a root with no resources. Limits are the directory's business: SETQUOTA is refused.
 */
final class QuotaCommand implements ImapCommand {

    enum Kind { GET, GET_ROOT, SET }

    private final Kind kind;

    QuotaCommand(Kind kind) {
        this.kind = kind;
    }

    @Override
    public Set<ImapSessionState> validIn() {
        return AUTHENTICATED;
    }

    @Override
    public String execute(ImapSession session, ImapRequest.Command command) throws ImapCommandException, IOException {
        switch (kind) {
            case SET -> {
                Args.count(command, 2, 2);
                throw ImapCommandException.no("[CANNOT] Quota limits are set in the directory");
            }
            case GET -> {
                Args.count(command, 1, 1);
                if (!Args.astring(command.args().get(0)).isEmpty()) {
                    throw ImapCommandException.no("[NONEXISTENT] No such quota root");
                }
                session.untagged(quota(session.store()));
                return "OK Getquota completed";
            }
            default -> {
                Args.count(command, 1, 1);
                String name = session.mailboxName(command.args().get(0));
                if (!session.store().exists(name)) {
                    throw ImapCommandException.no("[NONEXISTENT] Mailbox doesn't exist");
                }
                session.untagged("QUOTAROOT " + ImapSession.quotedMailboxName(name) + " \"\"");
                session.untagged(quota(session.store()));
                return "OK Getquotaroot completed";
            }
        }
    }

    private static String quota(UserStore store) throws IOException {
        long limit = store.quotaLimitBytes();
        if (limit <= 0) {
            return "QUOTA \"\" ()";
        }
        QuotaUsage usage = store.usage();
        return "QUOTA \"\" (STORAGE " + (usage.bytes() + 1023) / 1024 + " " + limit / 1024 + ")";
    }
}
