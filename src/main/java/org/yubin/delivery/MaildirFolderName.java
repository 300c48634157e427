package org.yubin.delivery;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Maps a mailbox name as users and Sieve scripts write it ({@code Lists.yubin},
 * {@code Entwürfe}) to its Maildir++ directory name ({@code .Lists.yubin},
 * {@code .Entw&APw-rfe}), the way Dovecot's Maildir++ layout does: {@code .} is the
 * hierarchy separator and non-ASCII names are stored in IMAP modified UTF-7 (RFC 3501 5.1.3).
 *
 * <p>Untrusted input: a name that could leave the Maildir or make an unreadable
 * directory is refused with {@link IllegalArgumentException} — empty names, empty
 * hierarchy levels ({@code ..}, a leading or trailing {@code .}), {@code /}, {@code \},
 * NUL and other control characters, and names longer than a file name may be.
 */
public final class MaildirFolderName {

    /** The mailbox that is the Maildir itself. */
    public static final String INBOX = "INBOX";

    /** Longest directory name most file systems accept, in bytes. */
    private static final int MAX_DIRECTORY_NAME = 255;

    private static final Base64.Encoder MODIFIED_BASE64 = Base64.getEncoder().withoutPadding();

    private MaildirFolderName() {
    }

    /** True for {@code INBOX} in any letter case: the Maildir root, not a subfolder. */
    public static boolean isInbox(String name) {
        return INBOX.equalsIgnoreCase(name);
    }

    /**
     * The directory name of folder {@code name} inside a Maildir, leading dot included.
     *
     * @throws IllegalArgumentException when the name is not acceptable (see the class doc)
     */
    public static String toDirectoryName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("empty folder name");
        }
        if (isInbox(name)) {
            throw new IllegalArgumentException("INBOX is the Maildir itself, not a folder");
        }
        for (String level : name.split("\\.", -1)) {
            if (level.isEmpty()) {
                throw new IllegalArgumentException("empty hierarchy level in folder name");
            }
        }
        name.codePoints().forEach(c -> {
            if (c == '/' || c == '\\' || Character.isISOControl(c)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "character U+%04X not allowed in folder name", c));
            }
        });
        String directory = "." + encodeModifiedUtf7(name);
        if (directory.length() > MAX_DIRECTORY_NAME) {
            throw new IllegalArgumentException("folder name too long");
        }
        return directory;
    }

    /** RFC 3501 5.1.3: printable ASCII stays, {@code &} becomes {@code &-}, the rest is base64 of UTF-16 with {@code ,} for {@code /}. */
    static String encodeModifiedUtf7(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        int i = 0;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (c >= 0x20 && c <= 0x7e) {
                out.append(c == '&' ? "&-" : String.valueOf(c));
                i++;
                continue;
            }
            int end = i;
            while (end < name.length() && (name.charAt(end) < 0x20 || name.charAt(end) > 0x7e)) {
                end++;
            }
            byte[] utf16 = name.substring(i, end).getBytes(StandardCharsets.UTF_16BE);
            out.append('&').append(MODIFIED_BASE64.encodeToString(utf16).replace('/', ',')).append('-');
            i = end;
        }
        return out.toString();
    }
}
