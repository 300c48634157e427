package org.yubin.delivery;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;

/**
 * One mailbox of a Maildir++ store (the INBOX, which is the Maildir itself, or a
 * {@code .Name/} folder inside it) and the three directories {@code cur/ new/ tmp/}
 * of the Maildir format that Dovecot reads.
 *
 * <p>Immutable and thread-safe; {@link #create()} may run concurrently for the same
 * mailbox from several threads or processes.
 */
public final class Maildir {

    /** Marks a Maildir++ subfolder, as Dovecot and Courier expect. */
    public static final String FOLDER_MARKER = "maildirfolder";

    private static final boolean DEFAULT_IS_POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    // immutable, shared by every file and directory made
    private static final FileAttribute<?>[] OWNER_ONLY_DIRECTORY = permissions("rwx------");
    private static final FileAttribute<?>[] OWNER_ONLY_FILE = permissions("rw-------");
    private static final FileAttribute<?>[] NO_ATTRIBUTES = new FileAttribute<?>[0];

    private final Path root;
    private final Path directory;

    private Maildir(Path root, Path directory) {
        this.root = root;
        this.directory = directory;
    }

    /** The INBOX of the Maildir at {@code root} (usually {@code <home>/Maildir}). */
    public static Maildir at(Path root) {
        Path normalized = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        return new Maildir(normalized, normalized);
    }

    /**
     * The folder {@code name} of this Maildir ({@code INBOX} gives the Maildir itself),
     * not yet created.
     *
     * @throws IllegalArgumentException for a name {@link MaildirFolderName} refuses
     */
    public Maildir folder(String name) {
        if (MaildirFolderName.isInbox(name)) {
            return new Maildir(root, root);
        }
        return new Maildir(root, root.resolve(MaildirFolderName.toDirectoryName(name)));
    }

    public Path root() {
        return root;
    }

    /** This mailbox's directory: the root for the INBOX, {@code <root>/.Name} for a folder. */
    public Path directory() {
        return directory;
    }

    public boolean isInbox() {
        return directory.equals(root);
    }

    public Path cur() {
        return directory.resolve("cur");
    }

    public Path newDir() {
        return directory.resolve("new");
    }

    public Path tmp() {
        return directory.resolve("tmp");
    }

    /**
     * Creates what is missing of this mailbox (for a folder also the INBOX it lives in,
     * and its {@value #FOLDER_MARKER} file), directories with mode 0700 where the file
     * system is POSIX. New directory entries are synced to disk before it returns.
     *
     * @throws IOException also when a folder directory is a symbolic link, which could lead out of the Maildir
     */
    public void create() throws IOException {
        boolean created;
        if (isInbox()) {
            created = createDirectories(root);
        } else {
            // Dovecot only sees folders of a Maildir that is complete itself
            new Maildir(root, root).create();
            if (Files.isSymbolicLink(directory)) {
                throw new FileSystemException(directory.toString(), null, "folder is a symbolic link");
            }
            created = createDirectory(directory);
            created |= createMarker(directory.resolve(FOLDER_MARKER));
        }
        for (Path sub : new Path[] {cur(), newDir(), tmp()}) {
            created |= createDirectory(sub);
        }
        if (created) {
            syncDirectory(directory);
            syncDirectory(directory.getParent());
        }
    }

    private static boolean createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return false;
        }
        Files.createDirectories(dir, ownerOnlyDirectory(dir));
        return true;
    }

    private static boolean createDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            Files.createDirectory(dir, ownerOnlyDirectory(dir));
            return true;
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileSystemException(dir.toString(), null, "exists but is not a directory");
            }
            return false;
        }
    }

    private static boolean createMarker(Path marker) throws IOException {
        try {
            Files.createFile(marker, ownerOnlyFile(marker));
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    /** Mode 0700 for a directory made at {@code path}, where the file system has modes. */
    static FileAttribute<?>[] ownerOnlyDirectory(Path path) {
        return isPosix(path) ? OWNER_ONLY_DIRECTORY : NO_ATTRIBUTES;
    }

    /** Mode 0600 for a file made at {@code path}, where the file system has modes. */
    static FileAttribute<?>[] ownerOnlyFile(Path path) {
        return isPosix(path) ? OWNER_ONLY_FILE : NO_ATTRIBUTES;
    }

    private static FileAttribute<?>[] permissions(String mode) {
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode))};
    }

    /** Makes a directory's entries durable (fsync on the directory); only POSIX systems can. */
    static void syncDirectory(Path dir) throws IOException {
        if (dir == null || !isPosix(dir)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static boolean isPosix(Path path) {
        FileSystem fileSystem = path.getFileSystem();
        // asked for every delivered file: the default file system's answer is kept
        return fileSystem == FileSystems.getDefault() ? DEFAULT_IS_POSIX
                : fileSystem.supportedFileAttributeViews().contains("posix");
    }

    @Override
    public String toString() {
        return directory.toString();
    }
}
