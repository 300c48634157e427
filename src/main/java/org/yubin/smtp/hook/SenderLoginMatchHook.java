package org.yubin.smtp.hook;

import java.util.Locale;

import org.yubin.directory.MailUser;
import org.yubin.smtp.SmtpReply;

/**
 * An authenticated user sends only as itself (Postfix's {@code reject_sender_login_mismatch}):
 * the envelope sender must be the login, the {@code mail} or an extra address of the
 * user's directory entry, else 553 5.7.1. The null sender (bounces, read receipts) passes;
 * sessions without AUTH are left to the other hooks.
 */
public final class SenderLoginMatchHook implements MailHook {

    @Override
    public HookResult onMail(MailRequest request) {
        MailUser user = request.authenticated();
        String sender = request.mailFrom();
        if (user == null || sender.isEmpty()) {
            return HookResult.DECLINED;
        }
        String normalized = sender.toLowerCase(Locale.ROOT);
        boolean owned = user.addresses().stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).equals(normalized));
        return owned ? HookResult.DECLINED : HookResult.deny(new SmtpReply(553, "5.7.1",
                "<" + sender + ">: Sender address rejected: not owned by user " + user.login()));
    }
}
