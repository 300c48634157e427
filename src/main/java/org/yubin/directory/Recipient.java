package org.yubin.directory;

import java.util.List;

/** What an envelope recipient is, decided at RCPT time and again before delivery. */
public sealed interface Recipient {

    String address();

    /** A mailbox of this server. */
    record Local(String address, MailUser user) implements Recipient { }

    /** An alias of {@code config/aliases}: mail goes to its targets. */
    record Alias(String address, List<String> targets) implements Recipient { }

    /** A domain this server does not host: mail is relayed. */
    record Remote(String address) implements Recipient { }

    /** A hosted domain, but no valid user or alias of that name (550 5.1.1). */
    record Unknown(String address) implements Recipient { }
}
