package org.yubin.smtp.hook;

/**
 * A policy check run at RCPT time, in order with the others, after the syntax checks.
 * Runs on the session's worker thread, so it may block briefly (directory look-ups).
 * Implementations are shared by all sessions of a listener and must be thread-safe.
 */
@FunctionalInterface
public interface RcptHook {

    HookResult onRcpt(RcptRequest request);
}
