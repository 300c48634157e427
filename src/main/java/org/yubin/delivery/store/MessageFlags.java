package org.yubin.delivery.store;

import java.util.EnumSet;
import java.util.Set;

/**
 * The stored flags of a message: IMAP system flags (Maildir info letters
 * {@code D F R S T}) and keywords (letters {@code a..z} mapped through
 * {@code dovecot-keywords}). {@code \Recent} is not stored: it belongs to a session.
 */
public record MessageFlags(Set<SystemFlag> system, Set<String> keywords) {

    public static final MessageFlags NONE = new MessageFlags(EnumSet.noneOf(SystemFlag.class), Set.of());

    public MessageFlags {
        system = system.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(system));
        keywords = Set.copyOf(keywords);
    }

    /** IMAP system flags in Maildir's info order; {@code letter} is the one in {@code :2,<letters>}. */
    public enum SystemFlag {
        DRAFT('D', "\\Draft"), FLAGGED('F', "\\Flagged"), ANSWERED('R', "\\Answered"),
        SEEN('S', "\\Seen"), DELETED('T', "\\Deleted");

        private final char letter;
        private final String imapName;

        SystemFlag(char letter, String imapName) {
            this.letter = letter;
            this.imapName = imapName;
        }

        public char letter() {
            return letter;
        }

        public String imapName() {
            return imapName;
        }
    }
}
