package org.yubin.delivery.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Dovecot's {@code dovecot-keywords}: lines {@code <index> <keyword>}, index 0 being the
 * info letter {@code a}, 25 the letter {@code z}. At most 26 keywords per mailbox, as in
 * Dovecot's Maildir. Keywords compare case-insensitively (RFC 3501 flags). Not
 * thread-safe; new keywords are added under the {@link UidListLock}.
 */
public final class KeywordTable {

    public static final String FILE_NAME = "dovecot-keywords";

    public static final int MAX_KEYWORDS = 26;

    private final String[] names = new String[MAX_KEYWORDS];

    private KeywordTable() {
    }

    /** The table of {@code mailboxDirectory}; empty when there is no file. */
    public static KeywordTable read(Path mailboxDirectory) throws IOException {
        KeywordTable table = new KeywordTable();
        try {
            for (String line : Files.readAllLines(mailboxDirectory.resolve(FILE_NAME), StandardCharsets.UTF_8)) {
                int space = line.indexOf(' ');
                if (space <= 0) {
                    continue;
                }
                try {
                    int index = Integer.parseInt(line.substring(0, space));
                    String name = line.substring(space + 1);
                    if (index >= 0 && index < MAX_KEYWORDS && !name.isEmpty()) {
                        table.names[index] = name;
                    }
                } catch (NumberFormatException e) {
                    // a line Dovecot would not write; ignore it as Dovecot does
                }
            }
        } catch (NoSuchFileException e) {
            return table;
        }
        return table;
    }

    /** The keywords of these info letters; letters without a keyword are ignored. */
    public Set<String> keywords(String infoLetters) {
        Set<String> keywords = new LinkedHashSet<>();
        for (char c : infoLetters.toCharArray()) {
            if (c >= 'a' && c <= 'z' && names[c - 'a'] != null) {
                keywords.add(names[c - 'a']);
            }
        }
        return keywords;
    }

    /** The letter of {@code keyword}, or 0 when it has none yet. */
    public char letter(String keyword) {
        for (int i = 0; i < MAX_KEYWORDS; i++) {
            if (names[i] != null && names[i].equalsIgnoreCase(keyword)) {
                return (char) ('a' + i);
            }
        }
        return 0;
    }

    /**
     * The letter of {@code keyword}, giving it the first free one if needed.
     *
     * @throws IOException when all 26 letters are taken
     */
    public char assign(String keyword) throws IOException {
        char letter = letter(keyword);
        if (letter != 0) {
            return letter;
        }
        for (int i = 0; i < MAX_KEYWORDS; i++) {
            if (names[i] == null) {
                names[i] = keyword;
                return (char) ('a' + i);
            }
        }
        throw new IOException("too many keywords in mailbox (at most " + MAX_KEYWORDS + ")");
    }

    /** Writes the table atomically; the caller holds the {@link UidListLock}. */
    public void write(Path mailboxDirectory) throws IOException {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < MAX_KEYWORDS; i++) {
            if (names[i] != null) {
                out.append(i).append(' ').append(names[i]).append('\n');
            }
        }
        Path tmp = mailboxDirectory.resolve(FILE_NAME + ".yubin-" + ProcessHandle.current().pid() + ".tmp");
        Files.writeString(tmp, out, StandardCharsets.UTF_8);
        Files.move(tmp, mailboxDirectory.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** True when every keyword already has a letter. */
    public boolean knowsAll(Set<String> keywords) {
        return keywords.stream().allMatch(k -> letter(k) != 0);
    }
}
