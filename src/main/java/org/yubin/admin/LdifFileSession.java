package org.yubin.admin;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;

import org.yubin.directory.EmbeddedDirectoryServer;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPInterface;
import com.unboundid.ldif.LDIFWriter;

/**
 * Edits the embedded directory's LDIF file: loads it into a private in-memory server
 * with the same schema (so every change is schema-checked), and on {@link #commit()}
 * writes it back atomically: temporary file in the same directory, fsync, rename,
 * fsync of the directory. A running server sees the new file at its next poll.
 *
 * <p>Holds an exclusive lock on {@code .<name>.lock} beside the file from open to
 * close, so two admin commands never lose each other's change.
 */
final class LdifFileSession implements DirectorySession {

    private static final String HEADER = """
            The embedded directory (yubin.directory.ldif), written by "ops/yubin user".
            The server reloads it within a second of a change. Comments are not kept.""";

    private final Path file;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final InMemoryDirectoryServer server;

    private LdifFileSession(Path file, FileChannel lockChannel, FileLock lock, InMemoryDirectoryServer server) {
        this.file = file;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.server = server;
    }

    static LdifFileSession open(Path ldif, String where) throws CliException {
        Path file = ldif.toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            throw new CliException(where, "no directory file " + file);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file.resolveSibling("." + file.getFileName() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.lock();
            InMemoryDirectoryServer server = new InMemoryDirectoryServer(EmbeddedDirectoryServer.config());
            server.importFromLDIF(true, file.toFile());
            return new LdifFileSession(file, channel, lock, server);
        } catch (IOException | LDAPException e) {
            closeQuietly(channel);
            throw new CliException(where, "cannot load " + file + ": " + e.getMessage());
        }
    }

    @Override
    public LDAPInterface ldap() {
        return server; // in-process: the copy never listens on a port
    }

    @Override
    public void commit() throws CliException {
        Path tmp = file.resolveSibling("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            try (FileOutputStream out = new FileOutputStream(tmp.toFile())) {
                copyPermissions(file, tmp);
                LDIFWriter writer = new LDIFWriter(out);
                writer.writeComment(HEADER, false, true);
                server.exportToLDIF(writer, true, true, false);
                writer.flush();
                out.getFD().sync();
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                dir.force(true);
            }
        } catch (IOException | LDAPException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the write already failed; that is the error to report
            }
            throw new CliException("directory", "cannot write " + file + ": " + e.getMessage());
        }
    }

    /** The file holds password hashes: the new file keeps the old one's mode. */
    private static void copyPermissions(Path from, Path to) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(from, PosixFileAttributeView.class);
        if (view != null) {
            Files.setPosixFilePermissions(to, view.readAttributes().permissions());
        }
    }

    @Override
    public void close() {
        server.shutDown(true);
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel below releases it as well
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing was written through it
            }
        }
    }
}
