package org.yubin.smtp.hook;

/**
 * A policy check run at MAIL time, in order with the others, after the syntax checks;
 * e.g. "530 5.7.0 Authentication required" on a submission listener. Runs on the
 * session's worker thread. Implementations are shared by all sessions of a listener and
 * must be thread-safe.
 */
@FunctionalInterface
public interface MailHook {

    HookResult onMail(MailRequest request);
}
