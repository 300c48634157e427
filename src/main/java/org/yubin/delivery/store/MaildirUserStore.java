package org.yubin.delivery.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.yubin.delivery.Maildir;
import org.yubin.delivery.MaildirFolderName;
import org.yubin.directory.MailUser;

/**
 * A user's Maildir++ tree: INBOX is {@code <home>/Maildir}, folder {@code A.B} is the
 * directory {@code .A.B} (modified UTF-7) with a {@code maildirfolder} file. Every name
 * goes through {@link MaildirFolderName}; a folder directory that is a symbolic link is
 * refused like a bad name ({@link IllegalArgumentException}), so nothing is read or made
 * outside the Maildir. Special use comes from conventional names (RFC 6154). Used by one
 * session at a time.
 */
public final class MaildirUserStore implements UserStore {

    private static final Map<String, String> SPECIAL_USE = Map.of(
            "sent", "\\Sent", "sent messages", "\\Sent", "drafts", "\\Drafts", "trash", "\\Trash",
            "deleted messages", "\\Trash", "junk", "\\Junk", "spam", "\\Junk", "spamdrop", "\\Junk",
            "archive", "\\Archive");

    private final MailUser user;
    private final Maildir inbox;
    private final String host;
    private final MailboxShares shares;
    private final MailboxEvents events;

    MaildirUserStore(MailUser user, String host, MailboxShares shares) {
        this.user = user;
        this.inbox = Maildir.at(user.maildir());
        this.host = host;
        this.shares = shares;
        this.events = shares;
    }

    @Override
    public List<MailboxInfo> list() throws IOException {
        List<String> folders = folderNames();
        List<MailboxInfo> infos = new ArrayList<>(folders.size() + 1);
        infos.add(info(MaildirFolderName.INBOX, folders));
        for (String folder : folders) {
            infos.add(info(folder, folders));
        }
        return infos;
    }

    private static MailboxInfo info(String name, List<String> folders) {
        String prefix = name + ".";
        boolean children = !MaildirFolderName.isInbox(name) && folders.stream().anyMatch(f -> f.startsWith(prefix));
        return new MailboxInfo(name, children, Optional.ofNullable(SPECIAL_USE.get(name.toLowerCase(Locale.ROOT))));
    }

    /** The folders, decoded, in name order; directories that are no valid folders (or links) are left out. */
    private List<String> folderNames() throws IOException {
        Set<String> names = new TreeSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(inbox.root(), p -> p.getFileName().toString().startsWith("."))) {
            for (Path entry : entries) {
                if (!Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                try {
                    names.add(MaildirFolderName.fromDirectoryName(entry.getFileName().toString()));
                } catch (IllegalArgumentException e) {
                    // "..", Dovecot's temporary directories and the like are no folders
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        }
        return new ArrayList<>(names);
    }

    /**
     * The mailbox of {@code name}: INBOX, or a folder whose directory is not a symbolic link.
     *
     * @throws IllegalArgumentException for names that could leave the Maildir
     */
    private Maildir mailbox(String name) {
        Maildir maildir = inbox.folder(name);
        if (!maildir.isInbox() && Files.isSymbolicLink(maildir.directory())) {
            throw new IllegalArgumentException("folder directory is a symbolic link");
        }
        return maildir;
    }

    @Override
    public boolean exists(String name) {
        Maildir maildir = mailbox(name);
        return maildir.isInbox() || Files.isDirectory(maildir.cur(), LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public void create(String name) throws IOException {
        // "A." declares the intent to create children under A (RFC 3501 6.3.3)
        String plain = name.endsWith(".") && name.length() > 1 ? name.substring(0, name.length() - 1) : name;
        Maildir maildir = mailbox(plain);
        if (exists(plain)) {
            throw new MailboxExistsException(plain);
        }
        maildir.create();
    }

    @Override
    public void delete(String name) throws IOException {
        Maildir maildir = mailbox(name);
        if (maildir.isInbox()) {
            throw new IllegalArgumentException("INBOX cannot be deleted");
        }
        if (!exists(name)) {
            throw new NoSuchMailboxException(name);
        }
        // renamed out of sight first, so that nobody delivers into a half-deleted folder
        Path doomed = inbox.root().resolve("..yubin-deleted." + ProcessHandle.current().pid() + "." + System.nanoTime());
        Files.move(maildir.directory(), doomed, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(doomed);
        events.changed(maildir.directory());
    }

    private static void deleteTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    @Override
    public void rename(String from, String to) throws IOException {
        Maildir source = mailbox(from);
        Maildir target = mailbox(to);
        if (target.isInbox()) {
            throw new IllegalArgumentException("cannot rename to INBOX");
        }
        if (!exists(from)) {
            throw new NoSuchMailboxException(from);
        }
        if (exists(to) || Files.exists(target.directory(), LinkOption.NOFOLLOW_LINKS)) {
            throw new MailboxExistsException(to);
        }
        if (source.isInbox()) {
            renameInbox(to, target);
            return;
        }
        String prefix = from + ".";
        List<String> children = folderNames().stream().filter(f -> f.startsWith(prefix)).toList();
        for (String child : children) {
            // checked before anything moves, so that a bad child name leaves all as it was
            mailbox(to + child.substring(from.length()));
        }
        Files.move(source.directory(), target.directory(), StandardCopyOption.ATOMIC_MOVE);
        for (String child : children) {
            Maildir childTarget = mailbox(to + child.substring(from.length()));
            Files.move(mailbox(child).directory(), childTarget.directory(), StandardCopyOption.ATOMIC_MOVE);
        }
        events.changed(source.directory());
    }

    /** RFC 3501 6.3.5: INBOX's messages move to a new folder; INBOX stays, empty, with its UIDVALIDITY. */
    private void renameInbox(String to, Maildir target) throws IOException {
        target.create();
        try (MaildirMailbox source = new MaildirMailbox(MaildirFolderName.INBOX, inbox, false, host, shares);
             MaildirMailbox destination = new MaildirMailbox(to, target, false, host, shares)) {
            source.refresh();
            List<MailboxMessage> messages = source.messages();
            if (!messages.isEmpty()) {
                source.copy(messages, destination);
                source.expunge(messages);
            }
        }
    }

    @Override
    public Set<String> subscriptions() throws IOException {
        return new SubscriptionFile(inbox.root()).read();
    }

    @Override
    public void subscribe(String name) throws IOException {
        new SubscriptionFile(inbox.root()).update(name, true);
    }

    @Override
    public void unsubscribe(String name) throws IOException {
        new SubscriptionFile(inbox.root()).update(name, false);
    }

    @Override
    public Mailbox open(String name, boolean readOnly) throws IOException {
        Maildir maildir = mailbox(name);
        if (maildir.isInbox()) {
            maildir.create();
        } else if (!exists(name)) {
            throw new NoSuchMailboxException(name);
        }
        return new MaildirMailbox(maildir.isInbox() ? MaildirFolderName.INBOX : name, maildir, readOnly, host, shares);
    }

    @Override
    public QuotaUsage usage() throws IOException {
        long bytes = 0;
        long messages = 0;
        List<Maildir> mailboxes = new ArrayList<>();
        mailboxes.add(inbox);
        for (String folder : folderNames()) {
            mailboxes.add(inbox.folder(folder));
        }
        for (Maildir mailbox : mailboxes) {
            for (Path dir : List.of(mailbox.cur(), mailbox.newDir())) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                    for (Path file : files) {
                        long size = sizeOf(file);
                        if (size >= 0) {
                            bytes += size;
                            messages++;
                        }
                    }
                } catch (NoSuchFileException e) {
                    // not created yet, or deleted meanwhile
                }
            }
        }
        return new QuotaUsage(bytes, messages);
    }

    /** The size from {@code ,S=} where the name has it, else the file's; -1 when it vanished. */
    private static long sizeOf(Path file) throws IOException {
        String fileName = file.getFileName().toString();
        if (fileName.startsWith(".")) {
            return -1;
        }
        var fromName = MaildirFileName.parse(fileName).size();
        if (fromName.isPresent()) {
            return fromName.getAsLong();
        }
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            return -1;
        }
    }

    @Override
    public long quotaLimitBytes() {
        return user.quotaBytes();
    }
}
