package org.yubin.pop3.command;

import java.util.Set;

import org.yubin.pop3.Pop3Session;
import org.yubin.pop3.Pop3SessionState;

/**
 * UIDL [msg] (RFC 1939 7): the unique-ids, Dovecot's {@code %08Xu%08Xv} (UID and
 * UIDVALIDITY in hex), so clients moving from Dovecot download nothing again.
 */
final class UidlCommand implements Pop3Command {

    @Override
    public Set<Pop3SessionState> states() {
        return Set.of(Pop3SessionState.TRANSACTION);
    }

    @Override
    public void execute(Pop3Session session, String argument) {
        MessageNumbers.scanListing(session, argument, "Syntax: UIDL [msg]", session.maildrop()::uidl, () -> "");
    }
}
