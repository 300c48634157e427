package org.yubin.smtp.hook;

import org.yubin.smtp.SmtpReply;

/** Submission (RFC 6409 4.3): no MAIL before AUTH, 530 5.7.0, whatever the client address. */
public final class AuthenticationRequiredHook implements MailHook {

    static final SmtpReply AUTHENTICATION_REQUIRED = new SmtpReply(530, "5.7.0", "Authentication required");

    @Override
    public HookResult onMail(MailRequest request) {
        return request.authenticated() == null ? HookResult.deny(AUTHENTICATION_REQUIRED) : HookResult.DECLINED;
    }
}
