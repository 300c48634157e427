package org.yubin.pop3.command;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yubin.pop3.Pop3Session;
import org.yubin.pop3.codec.Pop3Reply;

/** The answers of RETR and TOP when a message cannot be read. */
final class MessageContent {

    private static final Logger LOG = LoggerFactory.getLogger(MessageContent.class);

    /** Another session (IMAP, Dovecot) removed the file since the login. */
    static final Pop3Reply EXPUNGED = Pop3Reply.err("Message was removed by another session.");

    private MessageContent() {
    }

    static Pop3Reply readError(Pop3Session session, int number, IOException cause) {
        LOG.warn("{}: cannot read message {}: rip={}: {}", session.settings().listener(), number, session.client(),
                cause.toString());
        return Pop3Reply.err(Pop3Reply.SYS_TEMP, "Error reading the message.");
    }
}
