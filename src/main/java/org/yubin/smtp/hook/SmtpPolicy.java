package org.yubin.smtp.hook;

import java.util.List;
import java.util.concurrent.Executor;

import org.yubin.smtp.SmtpListenerSettings;

/**
 * The policy hooks of one listener, run in list order: the first that does not decline
 * decides. Listeners differ here (the MX relays for mynetworks only; submission requires
 * AUTH with a MAIL hook, see {@code SmtpListenerConfiguration}).
 *
 * @param lookups where the MAIL hooks run when one of them {@linkplain MailHook#blocks()
 *                blocks}; {@code null}: on the session's event loop, whatever they do
 */
public record SmtpPolicy(List<MailHook> mailHooks, List<RcptHook> rcptHooks, Executor lookups) {

    public SmtpPolicy {
        mailHooks = List.copyOf(mailHooks);
        rcptHooks = List.copyOf(rcptHooks);
    }

    /** Hooks that all run on the session's event loop. */
    public SmtpPolicy(List<MailHook> mailHooks, List<RcptHook> rcptHooks) {
        this(mailHooks, rcptHooks, null);
    }

    /** The executor the MAIL hooks run on, or {@code null} when none of them blocks. */
    public Executor mailHookExecutor() {
        return lookups != null && mailHooks.stream().anyMatch(MailHook::blocks) ? lookups : null;
    }

    /** No MAIL checks; recipient limit, relay control, unknown local users: in that order. */
    public static SmtpPolicy standard(SmtpListenerSettings settings) {
        return new SmtpPolicy(List.of(), List.of(new RecipientLimitHook(settings.maxRecipients()),
                new RelayControlHook(settings.mynetworks()),
                new LocalRecipientHook()));
    }
}
