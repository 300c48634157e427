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
    public static String encodeModifiedUtf7(String name) {
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

    /**
     * The folder name of a Maildir++ directory name ({@code .Entw&APw-rfe} gives
     * {@code Entwürfe}): the leading dot removed, modified UTF-7 decoded.
     *
     * @throws IllegalArgumentException when it is no folder directory name or not valid modified UTF-7,
     *         or when the decoded name would not map back to the same directory
     */
    public static String fromDirectoryName(String directoryName) {
        if (directoryName == null || directoryName.length() < 2 || directoryName.charAt(0) != '.') {
            throw new IllegalArgumentException("not a folder directory name");
        }
        String name = decodeModifiedUtf7(directoryName.substring(1));
        if (!toDirectoryName(name).equals(directoryName)) {
            throw new IllegalArgumentException("folder directory name not in canonical form");
        }
        return name;
    }

    /** The inverse of {@link #encodeModifiedUtf7}; refuses malformed input (unterminated or bad base64 runs). */
    public static String decodeModifiedUtf7(String encoded) {
        StringBuilder out = new StringBuilder(encoded.length());
        int i = 0;
        while (i < encoded.length()) {
            char c = encoded.charAt(i);
            if (c != '&') {
                out.append(c);
                i++;
                continue;
            }
            int end = encoded.indexOf('-', i + 1);
            if (end < 0) {
                throw new IllegalArgumentException("unterminated modified UTF-7 run");
            }
            if (end == i + 1) {
                out.append('&');
            } else {
                byte[] utf16;
                try {
                    utf16 = Base64.getDecoder().decode(encoded.substring(i + 1, end).replace(',', '/'));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("bad base64 in modified UTF-7 run");
                }
                if (utf16.length % 2 != 0) {
                    throw new IllegalArgumentException("odd length modified UTF-7 run");
                }
                out.append(new String(utf16, StandardCharsets.UTF_16BE));
            }
            i = end + 1;
        }
        return out.toString();
    }
}
