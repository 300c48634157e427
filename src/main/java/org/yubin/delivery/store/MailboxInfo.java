package org.yubin.delivery.store;

import java.util.Optional;

/**
 * A mailbox in a listing: its name, whether it has child folders, and its RFC 6154
 * special use ({@code \Sent}, {@code \Drafts}, {@code \Trash}, {@code \Junk},
 * {@code \Archive}), which Maildir++ knows only from the folder's name.
 */
public record MailboxInfo(String name, boolean hasChildren, Optional<String> specialUse) {
}
