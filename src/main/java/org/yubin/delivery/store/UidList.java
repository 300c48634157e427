package org.yubin.delivery.store;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Dovecot's {@code dovecot-uidlist}: the mailbox's UIDVALIDITY, next UID, GUID, and the
 * UID of every message by its base file name. Reads versions 1 and 3 (and 2, which is
 * laid out as 3); writes version 3 exactly as Dovecot 2.3 does:
 * <pre>
 * 3 V&lt;uidvalidity&gt; N&lt;nextuid&gt; G&lt;guid&gt;
 * &lt;uid&gt; [&lt;ext&gt; ...] :&lt;base name&gt;
 * </pre>
 * Extension fields ({@code W<virtual size>}, {@code S<size>}, and any others Dovecot
 * may add) are kept as read. Dovecot appends records without updating {@code N}, so the
 * next UID is also kept above the highest UID. Not thread-safe; read and change it
 * only while holding the {@link UidListLock} when it is to be written back.
 */
public final class UidList {

    public static final String FILE_NAME = "dovecot-uidlist";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final long uidValidity;
    private long nextUid;
    private final String guid;
    /** Header fields other than V, N and G, by key letter. */
    private final Map<Character, String> otherHeader;
    private final TreeMap<Long, Entry> byUid = new TreeMap<>();
    private final Map<String, Entry> byBase = new HashMap<>();

    /** One message: its UID, base file name and extension fields by key letter. */
    public record Entry(long uid, String base, Map<Character, String> extensions) {

        public Entry {
            extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
        }

        /** The {@code W} field: the virtual size Dovecot caches here when the name has no {@code ,W=}. */
        public long virtualSize() {
            String w = extensions.get('W');
            try {
                return w == null ? -1 : Long.parseLong(w);
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }

    private UidList(long uidValidity, long nextUid, String guid, Map<Character, String> otherHeader) {
        this.uidValidity = uidValidity;
        this.nextUid = nextUid;
        this.guid = guid;
        this.otherHeader = otherHeader;
    }

    /** A new, empty list with this UIDVALIDITY, next UID 1 and a fresh GUID. */
    public static UidList create(long uidValidity) {
        byte[] guid = new byte[16];
        RANDOM.nextBytes(guid);
        return new UidList(uidValidity, 1, HexFormat.of().formatHex(guid), new LinkedHashMap<>());
    }

    /**
     * The list in {@code mailboxDirectory}, or null when there is none.
     *
     * @throws IOException also when the header is unreadable (the file is then not used)
     */
    public static UidList read(Path mailboxDirectory) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(mailboxDirectory.resolve(FILE_NAME), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        }
        if (lines.isEmpty()) {
            return null;
        }
        return parse(lines);
    }

    static UidList parse(List<String> lines) throws IOException {
        String[] header = lines.get(0).trim().split(" +");
        UidList list;
        int version;
        try {
            version = Integer.parseInt(header[0]);
            if (version == 1) {
                list = new UidList(Long.parseLong(header[1]), Long.parseLong(header[2]), create(0).guid, new LinkedHashMap<>());
            } else if (version == 2 || version == 3) {
                list = parseHeader(header);
            } else {
                throw new IOException("unsupported dovecot-uidlist version " + version);
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new IOException("corrupt dovecot-uidlist header: " + lines.get(0));
        }
        for (int i = 1; i < lines.size(); i++) {
            Entry entry = version == 1 ? parseVersion1(lines.get(i)) : parseRecord(lines.get(i));
            if (entry != null && entry.uid() > 0 && !list.byBase.containsKey(entry.base()) && !list.byUid.containsKey(entry.uid())) {
                list.put(entry);
            }
        }
        return list;
    }

    private static UidList parseHeader(String[] header) {
        long validity = 0;
        long next = 1;
        String guid = null;
        Map<Character, String> other = new LinkedHashMap<>();
        for (int i = 1; i < header.length; i++) {
            String field = header[i];
            if (field.isEmpty()) {
                continue;
            }
            char key = field.charAt(0);
            String value = field.substring(1);
            switch (key) {
                case 'V' -> validity = Long.parseLong(value);
                case 'N' -> next = Long.parseLong(value);
                case 'G' -> guid = value;
                default -> other.put(key, value);
            }
        }
        if (validity <= 0) {
            throw new NumberFormatException("no UIDVALIDITY");
        }
        return new UidList(validity, next, guid == null ? create(0).guid : guid, other);
    }

    private static Entry parseRecord(String line) {
        int colon = line.indexOf(" :");
        int firstSpace = line.indexOf(' ');
        if (colon < 0 || firstSpace < 0) {
            return null;
        }
        try {
            long uid = Long.parseLong(line, 0, firstSpace, 10);
            Map<Character, String> ext = new LinkedHashMap<>();
            if (colon > firstSpace) {
                for (String field : line.substring(firstSpace + 1, colon).split(" +")) {
                    if (!field.isEmpty()) {
                        ext.put(field.charAt(0), field.substring(1));
                    }
                }
            }
            String base = line.substring(colon + 2);
            return base.isEmpty() ? null : new Entry(uid, MaildirFileName.baseOf(base), ext);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Entry parseVersion1(String line) {
        String[] fields = line.trim().split(" +");
        if (fields.length < 2) {
            return null;
        }
        try {
            return new Entry(Long.parseLong(fields[0]), MaildirFileName.baseOf(fields[fields.length - 1]), Map.of());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void put(Entry entry) {
        byUid.put(entry.uid(), entry);
        byBase.put(entry.base(), entry);
        nextUid = Math.max(nextUid, entry.uid() + 1);
    }

    public long uidValidity() {
        return uidValidity;
    }

    public long nextUid() {
        return nextUid;
    }

    public String guid() {
        return guid;
    }

    /** The entry of the message with this base name, or null. */
    public Entry get(String base) {
        return byBase.get(base);
    }

    /** The entries in UID order. */
    public Collection<Entry> entries() {
        return Collections.unmodifiableCollection(byUid.values());
    }

    public int size() {
        return byUid.size();
    }

    /** Gives the message the next UID; UIDs are never reused. */
    public Entry add(String base, Map<Character, String> extensions) {
        if (byBase.containsKey(base)) {
            throw new IllegalStateException("already listed: " + base);
        }
        Entry entry = new Entry(nextUid, base, extensions);
        put(entry);
        return entry;
    }

    /** Replaces an entry's extension fields (e.g. to cache the virtual size as {@code W}). */
    public void setExtensions(Entry entry, Map<Character, String> extensions) {
        put(new Entry(entry.uid(), entry.base(), extensions));
    }

    /** Drops the entry of an expunged message; its UID stays used. */
    public boolean remove(String base) {
        Entry entry = byBase.remove(base);
        if (entry != null) {
            byUid.remove(entry.uid());
            return true;
        }
        return false;
    }

    /** The file's content in Dovecot's version 3 format. */
    public String format() {
        StringBuilder out = new StringBuilder(64 + byUid.size() * 64);
        out.append("3 V").append(uidValidity).append(" N").append(nextUid).append(" G").append(guid);
        otherHeader.forEach((k, v) -> out.append(' ').append(k).append(v));
        out.append('\n');
        for (Entry entry : byUid.values()) {
            out.append(entry.uid());
            entry.extensions().forEach((k, v) -> out.append(' ').append(k).append(v));
            out.append(" :").append(entry.base()).append('\n');
        }
        return out.toString();
    }

    /**
     * Replaces the file in {@code mailboxDirectory} atomically (temporary file, fsync,
     * rename), so readers without the lock see the old or the new list, never a mix.
     * The caller holds the {@link UidListLock}.
     */
    public void write(Path mailboxDirectory) throws IOException {
        Path tmp = mailboxDirectory.resolve(FILE_NAME + ".yubin-" + ProcessHandle.current().pid() + "-" + Thread.currentThread().getId() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
                 BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8))) {
                writer.write(format());
                writer.flush();
                channel.force(true);
            }
            Files.move(tmp, mailboxDirectory.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** For tests and logs: the UIDs in order. */
    List<Long> uids() {
        return new ArrayList<>(byUid.keySet());
    }
}
