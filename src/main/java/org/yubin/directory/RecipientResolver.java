package org.yubin.directory;

import java.util.List;

/**
 * Turns envelope addresses into mailboxes: aliases ({@code config/aliases}) first,
 * then the directory. SMTP asks it at RCPT time; the queue asks again, and expands
 * aliases, before delivery.
 */
public interface RecipientResolver {

    /** What {@code address} is, without expanding aliases. */
    Recipient resolve(String address);

    /**
     * The final recipients of {@code address}: aliases expanded recursively (loops and
     * depth bounded), duplicates removed, each {@link Recipient.Local},
     * {@link Recipient.Remote} or {@link Recipient.Unknown}.
     */
    List<Recipient> expand(String address);
}
