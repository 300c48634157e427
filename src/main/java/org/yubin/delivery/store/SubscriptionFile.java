package org.yubin.delivery.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.yubin.delivery.MaildirFolderName;

/**
 * Dovecot's {@code subscriptions} file in the Maildir root. Dovecot 2.3 writes version 2:
 * a header {@code V<tab>2} and an empty line, then one name per line in modified UTF-7
 * with TAB as hierarchy separator. Version 1 (no header, names with {@code .}) is read
 * too. Names this class returns and takes are Unicode with {@code .}. Lines that do
 * not decode are dropped. Changes are serialised within this JVM; the file is replaced
 * atomically.
 */
public final class SubscriptionFile {

    public static final String FILE_NAME = "subscriptions";

    private static final String HEADER = "V\t2";

    /** Read-modify-write of any subscriptions file; they are small and rarely changed. */
    private static final Object UPDATE_LOCK = new Object();

    private final Path file;

    public SubscriptionFile(Path maildirRoot) {
        this.file = maildirRoot.resolve(FILE_NAME);
    }

    public Set<String> read() throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new TreeSet<>();
        }
        Set<String> names = new TreeSet<>();
        boolean version2 = !lines.isEmpty() && lines.get(0).equals(HEADER);
        for (int i = version2 ? 1 : 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty()) {
                continue;
            }
            String stored = version2 ? line.replace('\t', '.') : line;
            if (MaildirFolderName.isInbox(stored)) {
                names.add(MaildirFolderName.INBOX);
                continue;
            }
            try {
                names.add(MaildirFolderName.fromDirectoryName("." + stored));
            } catch (IllegalArgumentException e) {
                // not a name Dovecot or yubin could have written
            }
        }
        return names;
    }

    /** Adds or removes {@code name}; true if the file changed. */
    public boolean update(String name, boolean subscribed) throws IOException {
        String canonical = MaildirFolderName.isInbox(name) ? MaildirFolderName.INBOX : name;
        if (!MaildirFolderName.isInbox(name)) {
            MaildirFolderName.toDirectoryName(name);
        }
        synchronized (UPDATE_LOCK) {
            Set<String> names = read();
            boolean changed = subscribed ? names.add(canonical) : names.remove(canonical);
            if (changed) {
                write(names);
            }
            return changed;
        }
    }

    private void write(Set<String> names) throws IOException {
        StringBuilder out = new StringBuilder(HEADER).append("\n\n");
        for (String name : names) {
            String stored = MaildirFolderName.isInbox(name) ? name : MaildirFolderName.toDirectoryName(name).substring(1);
            out.append(stored.replace('.', '\t')).append('\n');
        }
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(FILE_NAME + ".yubin-" + ProcessHandle.current().pid() + ".tmp");
        Files.writeString(tmp, out, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
