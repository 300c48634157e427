package org.yubin.smtp.hook;

/**
 * A policy check run at MAIL time, in order with the others, after the syntax checks;
 * e.g. "530 5.7.0 Authentication required" on a submission listener. Runs on the
 * session's event loop, unless a hook of the listener {@link #blocks}: then the MAIL hooks
 * run on the policy's {@linkplain SmtpPolicy#lookups() look-up threads} while the session
 * waits without holding its loop. Implementations are shared by all sessions of a
 * listener and must be thread-safe.
 */
@FunctionalInterface
public interface MailHook {

    HookResult onMail(MailRequest request);

    /** True when the check waits on the network (DNS), which must not hold an event loop. */
    default boolean blocks() {
        return false;
    }
}
