package org.yubin.pop3.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.yubin.pop3.Pop3Session;
import org.yubin.pop3.Pop3SessionState;
import org.yubin.pop3.codec.Pop3Reply;

/**
 * CAPA (RFC 2449 5): what this server does now. USER, SASL and STLS are listed only while
 * they can be used: in AUTHORIZATION, STLS until TLS is on, USER and the plaintext SASL
 * mechanisms only where a password may be sent ({@code login-disabled-before-tls}).
 */
final class CapaCommand implements Pop3Command {

    @Override
    public Set<Pop3SessionState> states() {
        return Set.of(Pop3SessionState.AUTHORIZATION, Pop3SessionState.TRANSACTION);
    }

    @Override
    public void execute(Pop3Session session, String argument) {
        List<String> lines = new ArrayList<>(List.of("CAPA", "TOP", "UIDL", "RESP-CODES", "PIPELINING",
                "AUTH-RESP-CODE"));
        if (session.state() == Pop3SessionState.AUTHORIZATION) {
            if (session.allowsPlaintextLogin()) {
                lines.add("USER");
            }
            List<String> mechanisms = AuthCommand.usableMechanisms(session);
            if (!mechanisms.isEmpty()) {
                lines.add("SASL " + String.join(" ", mechanisms));
            }
            if (session.offersStls()) {
                lines.add("STLS");
            }
        }
        lines.add("EXPIRE NEVER");
        lines.add("IMPLEMENTATION yubin");
        session.reply(Pop3Reply.multiLine("Capability list follows", lines));
    }
}
