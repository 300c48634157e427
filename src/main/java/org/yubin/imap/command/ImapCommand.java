package org.yubin.imap.command;

import java.io.IOException;
import java.util.Set;

import org.yubin.imap.ImapCommandException;
import org.yubin.imap.ImapSession;
import org.yubin.imap.ImapSessionState;
import org.yubin.imap.codec.ImapRequest;

/**
 * One IMAP command. Instances are stateless and shared by all sessions; the session
 * carries the state. Runs on the connection's event loop, one of IMAP's own, where blocking
 * store calls hold up only IMAP sessions (see {@link org.yubin.imap.ImapServerInitializer}).
 */
public interface ImapCommand {

    Set<ImapSessionState> NOT_AUTHENTICATED = Set.of(ImapSessionState.NOT_AUTHENTICATED);
    Set<ImapSessionState> AUTHENTICATED = Set.of(ImapSessionState.AUTHENTICATED, ImapSessionState.SELECTED);
    Set<ImapSessionState> SELECTED = Set.of(ImapSessionState.SELECTED);
    Set<ImapSessionState> ANY = Set.of(ImapSessionState.NOT_AUTHENTICATED, ImapSessionState.AUTHENTICATED,
            ImapSessionState.SELECTED);

    /** The states the command is valid in (RFC 3501 6); elsewhere it gets {@code BAD}. */
    Set<ImapSessionState> validIn();

    /**
     * Runs the command.
     *
     * @return the tagged completion without the tag ({@code OK SELECT completed}), written after any
     *         mailbox updates; {@code null} when the command answers later by itself
     * @throws ImapCommandException for a tagged {@code NO} or {@code BAD}
     * @throws IOException when the store fails ({@code NO [SERVERBUG]})
     */
    String execute(ImapSession session, ImapRequest.Command command) throws ImapCommandException, IOException;

    /**
     * Whether the session may report expunges and new messages before the tagged answer:
     * not during FETCH, STORE and SEARCH by sequence number (RFC 3501 7.4.1).
     */
    default boolean allowsUpdates() {
        return true;
    }
}
