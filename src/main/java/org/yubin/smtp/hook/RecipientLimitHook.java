package org.yubin.smtp.hook;

import org.yubin.smtp.SmtpReply;

/** Refuses recipients past {@code yubin.smtp.max-recipients} with 452 4.5.3; the transaction goes on. */
public final class RecipientLimitHook implements RcptHook {

    private final int maxRecipients;

    public RecipientLimitHook(int maxRecipients) {
        this.maxRecipients = maxRecipients;
    }

    @Override
    public HookResult onRcpt(RcptRequest request) {
        return request.acceptedSoFar() >= maxRecipients
                ? HookResult.denySoft(SmtpReply.TOO_MANY_RECIPIENTS)
                : HookResult.DECLINED;
    }
}
