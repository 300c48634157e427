package org.yubin.pop3.command;

import java.util.Set;

import org.yubin.pop3.Pop3Session;
import org.yubin.pop3.Pop3SessionState;

/**
 * One POP3 command. Implementations are stateless and shared by all sessions; per-session
 * data lives in the {@link Pop3Session}. {@link #execute} runs on the session's worker
 * thread and answers through the session, possibly later (a delayed failed login).
 */
public interface Pop3Command {

    /** The states in which the command is allowed; elsewhere the dispatcher answers {@code -ERR}. */
    Set<Pop3SessionState> states();

    /** Runs the command; {@code argument} is the rest of the line after the verb and one space. */
    void execute(Pop3Session session, String argument);
}
