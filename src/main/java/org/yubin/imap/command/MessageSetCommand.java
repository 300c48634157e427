package org.yubin.imap.command;

import java.util.Set;

import org.yubin.imap.ImapSessionState;

/**
 * The commands on a set of messages of the selected mailbox (FETCH, STORE, SEARCH,
 * COPY, MOVE), by sequence number or, as {@code UID ...}, by UID. By sequence number
 * they must not report expunges before their answer, which would renumber the
 * messages the client named (RFC 3501 7.4.1); the UID forms may.
 */
abstract class MessageSetCommand implements ImapCommand {

    /** {@code UID FETCH} and the like: message numbers are UIDs. */
    protected final boolean uid;

    protected MessageSetCommand(boolean uid) {
        this.uid = uid;
    }

    @Override
    public final Set<ImapSessionState> validIn() {
        return SELECTED;
    }

    @Override
    public final boolean allowsUpdates() {
        return uid;
    }
}
