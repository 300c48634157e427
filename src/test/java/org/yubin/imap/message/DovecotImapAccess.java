package org.yubin.imap.message;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** {@link DovecotImap} for the tests of other packages. */
public final class DovecotImapAccess {

    private DovecotImapAccess() {
    }

    public static boolean installed() {
        return DovecotImap.installed();
    }

    public static List<byte[]> run(Path dir, List<byte[]> messages, Instant internalDate, List<String> commands) throws Exception {
        return DovecotImap.run(dir, messages, internalDate, commands);
    }
}
