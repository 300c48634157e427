package org.yubin.smtp.hook;

import java.util.List;

import org.yubin.smtp.SmtpListenerSettings;

/**
 * The policy hooks of one listener, run in list order: the first that does not decline
 * decides. Listeners differ here (the MX relays for mynetworks only; submission requires
 * AUTH with a MAIL hook, see {@code SmtpListenerConfiguration}).
 */
public record SmtpPolicy(List<MailHook> mailHooks, List<RcptHook> rcptHooks) {

    public SmtpPolicy {
        mailHooks = List.copyOf(mailHooks);
        rcptHooks = List.copyOf(rcptHooks);
    }

    /** No MAIL checks; recipient limit, relay control, unknown local users: in that order. */
    public static SmtpPolicy standard(SmtpListenerSettings settings) {
        return new SmtpPolicy(List.of(), List.of(new RecipientLimitHook(settings.maxRecipients()),
                new RelayControlHook(settings.mynetworks()),
                new LocalRecipientHook()));
    }
}
