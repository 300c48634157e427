package org.yubin.smtp.hook;

import org.yubin.directory.Recipient;
import org.yubin.smtp.SmtpReply;

/** Refuses addresses of hosted domains that name no valid user or alias (550 5.1.1). */
public final class LocalRecipientHook implements RcptHook {

    @Override
    public HookResult onRcpt(RcptRequest request) {
        if (request.recipient() instanceof Recipient.Unknown) {
            return HookResult.deny(new SmtpReply(550, "5.1.1", "<" + request.address()
                    + ">: Recipient address rejected: User unknown in virtual mailbox table"));
        }
        return HookResult.DECLINED;
    }
}
