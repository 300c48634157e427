package org.yubin.delivery.store;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import org.yubin.delivery.Maildir;
import org.yubin.delivery.store.MessageFlags.SystemFlag;

/**
 * A {@link Mailbox} on one Maildir directory, kept in step with Dovecot's files:
 * UIDs in {@code dovecot-uidlist}, flags in the file names, keywords in
 * {@code dovecot-keywords}, modseqs in {@code yubin-modseq} (see {@link ModSeqStore}).
 *
 * <p>{@link #refresh()} lists {@code cur/} and {@code new/} without locking; only when
 * it finds something the files do not record yet (a message without UID, a flag change
 * without modseq, a vanished message) does it take the {@link UidListLock} and update
 * them. A read-write instance first moves {@code new/} into {@code cur/}; the messages it
 * moved are recent for it. A file that vanishes between listing and use counts as
 * expunged. {@link #open} after a rename by another process finds the file by its base name.
 *
 * <p>Instances on the same directory share their metadata ({@link SharedMailboxState}):
 * the modseq log, sizes and dates, file locations, and the last listing, which a refresh
 * reuses instead of listing again while no file it read has changed and no change was
 * announced; the views hold the same immutable {@link MailboxMessage} records.
 *
 * <p>The view ({@link #messages()}) changes only in {@link #refresh()} and in
 * {@link #setFlags}; {@link #expunge} and {@link #append} show in the view at the next
 * refresh. Used by one session (thread) at a time; any number of instances, deliveries
 * and Dovecot processes may work on the same directory at once.
 */
public final class MaildirMailbox implements Mailbox {

    private static final String SYSTEM_LETTERS = "DFRST";
    /** Extra listings of a mailbox whose known messages a listing missed (see {@code listExpecting}). */
    private static final int MAX_EXTRA_LISTINGS = 3;
    private static final AtomicLong COUNTER = new AtomicLong();

    private final String name;
    private final Maildir maildir;
    private final Path directory;
    private final boolean readOnly;
    private final String host;
    private final MailboxEvents events;
    private final MailboxShares shares;
    private final SharedMailboxState shared;
    private final ModSeqStore modSeqs;
    private boolean closed;

    private long uidValidity;
    private long uidNext;
    private long highestModSeq;
    private KeywordTable keywords;
    private List<MailboxMessage> view = List.of();

    /** A file found by a listing: its sub-directory ({@code cur} or {@code new}) and name. */
    private record Found(String subdir, String fileName, MaildirFileName name) {
        String location() {
            return subdir + "/" + fileName;
        }
    }

    MaildirMailbox(String name, Maildir maildir, boolean readOnly, String host, MailboxShares shares) throws IOException {
        this.name = name;
        this.maildir = maildir;
        this.directory = maildir.directory();
        this.readOnly = readOnly;
        this.host = host;
        this.events = shares;
        this.shares = shares;
        this.shared = shares.acquire(directory);
        this.modSeqs = shared.modSeqs;
        boolean opened = false;
        try {
            SharedMailboxState.Snapshot last = shared.current(SharedMailboxState.StatKey.of(directory));
            if (last != null) {
                // listed already by another session, and unchanged since: no need to read the uidlist
                this.keywords = last.keywords();
                this.uidValidity = last.uidValidity();
                this.uidNext = last.uidNext();
            } else {
                this.keywords = KeywordTable.read(directory);
                UidList list = UidList.read(directory);
                if (list == null) {
                    try (UidListLock lock = UidListLock.acquire(directory)) {
                        list = readOrCreate();
                    }
                }
                this.uidValidity = list.uidValidity();
                this.uidNext = list.nextUid();
            }
            modSeqs.catchUp();
            this.highestModSeq = modSeqs.highest();
            opened = true;
        } finally {
            if (!opened) {
                shares.release(shared);
            }
        }
    }

    /** The uidlist, written first when there is none; the caller holds the lock. */
    private UidList readOrCreate() throws IOException {
        UidList list = UidList.read(directory);
        if (list == null) {
            list = UidList.create(nextUidValidity(maildir.root()));
            list.write(directory);
        }
        return list;
    }

    /**
     * A new mailbox's UIDVALIDITY as Dovecot chooses it: the time, but above the last one
     * given out in this Maildir ({@code dovecot-uidvalidity}, hexadecimal), so that a
     * mailbox deleted and created again within a second still gets a new one.
     */
    static synchronized long nextUidValidity(Path root) throws IOException {
        Path file = root.resolve("dovecot-uidvalidity");
        long last = 0;
        try {
            last = Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim(), 16);
        } catch (NoSuchFileException | NumberFormatException e) {
            // none yet, or unreadable: the time alone
        }
        long next = Math.max(Instant.now().getEpochSecond(), last + 1) & 0xffffffffL;
        Path tmp = root.resolve("dovecot-uidvalidity.yubin-" + ProcessHandle.current().pid() + ".tmp");
        Files.writeString(tmp, Long.toHexString(next), StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return next;
    }

    @Override
    public String name() {
        return name;
    }

    /** The Maildir directory of this mailbox. */
    public Path directory() {
        return directory;
    }

    @Override
    public boolean isReadOnly() {
        return readOnly;
    }

    @Override
    public long uidValidity() {
        return uidValidity;
    }

    @Override
    public long uidNext() {
        return uidNext;
    }

    @Override
    public long highestModSeq() {
        return Math.max(1, highestModSeq);
    }

    @Override
    public List<MailboxMessage> messages() {
        return view;
    }

    @Override
    public Refresh refresh() throws IOException {
        Set<String> movedByUs = readOnly ? Set.of() : moveNewToCur();
        long generation = shared.generation.get();
        SharedMailboxState.StatKey key = SharedMailboxState.StatKey.of(directory);
        if (movedByUs.isEmpty()) {
            SharedMailboxState.Snapshot last = shared.current(key);
            if (last != null) {
                uidValidity = last.uidValidity();
                uidNext = last.uidNext();
                highestModSeq = Math.max(highestModSeq, last.highestModSeq());
                keywords = last.keywords();
                return rebuildView(last.messages(), movedByUs);
            }
        }
        Instant now = Instant.now();
        long listedAt = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        UidList list = UidList.read(directory);
        Map<String, Found> found = listExpecting(list);
        modSeqs.catchUp();
        keywords = KeywordTable.read(directory);
        if (list == null || needsUpdate(found, list)) {
            try (UidListLock lock = UidListLock.acquire(directory)) {
                list = readOrCreate();
                modSeqs.catchUp();
                keywords = KeywordTable.read(directory);
                listExpecting(list).forEach(found::put);
                update(found, list);
            }
            // UIDs, sizes or modseqs written: listings that ran meanwhile may lack them
            shared.generation.incrementAndGet();
        }
        uidValidity = list.uidValidity();
        uidNext = list.nextUid();
        long highest = modSeqs.highest();
        highestModSeq = Math.max(highestModSeq, highest);
        List<MailboxMessage> fresh = messagesOf(found, list);
        shared.publish(new SharedMailboxState.Snapshot(fresh, uidValidity, uidNext, highest, keywords, key, generation,
                listedAt));
        return rebuildView(fresh, movedByUs);
    }

    /**
     * The messages in {@code new/} and {@code cur/}, listed again (up to
     * {@value #MAX_EXTRA_LISTINGS} times) while a message of {@code list} or of this view
     * is missing: a listing that races with another session's rename (a flag change) can
     * miss the file, and a message taken for expunged would lose its UID.
     */
    private Map<String, Found> listExpecting(UidList list) throws IOException {
        Set<String> expected = new HashSet<>();
        if (list != null) {
            list.entries().forEach(e -> expected.add(e.base()));
        }
        view.forEach(m -> expected.add(m.baseName()));
        Map<String, Found> found = list();
        for (int pass = 0; pass < MAX_EXTRA_LISTINGS && !found.keySet().containsAll(expected); pass++) {
            list().forEach(found::putIfAbsent);
        }
        return found;
    }

    /** Moves the files in {@code new/} to {@code cur/} (adding {@code :2,}); returns the base names moved. */
    private Set<String> moveNewToCur() throws IOException {
        Set<String> moved = new HashSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(maildir.newDir())) {
            for (Path file : files) {
                String fileName = file.getFileName().toString();
                if (fileName.startsWith(".")) {
                    continue;
                }
                MaildirFileName parsed = MaildirFileName.parse(fileName);
                try {
                    Files.move(file, maildir.cur().resolve(parsed.withInfo(parsed.info()).format()), StandardCopyOption.ATOMIC_MOVE);
                    moved.add(parsed.base());
                } catch (NoSuchFileException e) {
                    // another session moved it first: it is recent there
                }
            }
        } catch (NoSuchFileException e) {
            return moved;
        }
        if (!moved.isEmpty()) {
            // a listing of another session that ran meanwhile may have missed the moved files
            shared.generation.incrementAndGet();
        }
        return moved;
    }

    /** The messages in {@code cur/} and {@code new/} by base name. */
    private Map<String, Found> list() throws IOException {
        Map<String, Found> found = new HashMap<>();
        // new/ first: files only ever move from new/ to cur/, so this order cannot miss one;
        // a file seen in both (moved meanwhile) is taken from cur/
        for (String subdir : List.of("new", "cur")) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(directory.resolve(subdir))) {
                for (Path file : files) {
                    String fileName = file.getFileName().toString();
                    if (!fileName.startsWith(".")) {
                        MaildirFileName parsed = MaildirFileName.parse(fileName);
                        found.put(parsed.base(), new Found(subdir, fileName, parsed));
                    }
                }
            } catch (NoSuchFileException e) {
                // a mailbox being deleted: nothing there
            }
        }
        return found;
    }

    private boolean needsUpdate(Map<String, Found> found, UidList list) {
        if (found.size() != list.size()) {
            return true;
        }
        for (Found f : found.values()) {
            UidList.Entry entry = list.get(f.name().base());
            if (entry == null || !f.name().virtualSize().isPresent() && entry.virtualSize() < 0) {
                return true;
            }
            ModSeqStore.Recorded recorded = modSeqs.get(entry.uid());
            if (recorded == null || !recorded.info().equals(MaildirFileName.sortedLetters(f.name().info()))) {
                return true;
            }
        }
        return modSeqs.count() != found.size();
    }

    /** Under the lock: UIDs for new files, {@code W} for names without it, modseqs for changes, expunges recorded. */
    private void update(Map<String, Found> found, UidList list) throws IOException {
        boolean listChanged = false;
        List<Found> fresh = found.values().stream().filter(f -> list.get(f.name().base()) == null)
                .sorted((a, b) -> a.name().base().compareTo(b.name().base())).toList();
        for (Found f : fresh) {
            list.add(f.name().base(), Map.of());
            listChanged = true;
        }
        for (UidList.Entry entry : List.copyOf(list.entries())) {
            Found f = found.get(entry.base());
            if (f == null) {
                listChanged |= list.remove(entry.base());
            } else if (!f.name().virtualSize().isPresent() && entry.virtualSize() < 0) {
                // Dovecot caches a computed virtual size in the uidlist's W field
                long virtualSize = computeVirtualSize(f);
                if (virtualSize >= 0) {
                    Map<Character, String> extensions = new LinkedHashMap<>(entry.extensions());
                    extensions.put('W', Long.toString(virtualSize));
                    list.setExtensions(entry, extensions);
                    listChanged = true;
                }
            }
        }
        if (listChanged) {
            list.write(directory);
        }
        Map<Long, String> changes = new TreeMap<>();
        for (Found f : found.values()) {
            UidList.Entry entry = list.get(f.name().base());
            String info = MaildirFileName.sortedLetters(f.name().info());
            ModSeqStore.Recorded recorded = modSeqs.get(entry.uid());
            if (recorded == null || !recorded.info().equals(info)) {
                changes.put(entry.uid(), info);
            }
        }
        Set<Long> present = new HashSet<>();
        list.entries().forEach(e -> present.add(e.uid()));
        List<Long> expunged = modSeqs.uids().stream().filter(uid -> !present.contains(uid)).sorted().toList();
        highestModSeq = Math.max(highestModSeq, modSeqs.record(changes, expunged));
    }

    private long computeVirtualSize(Found f) throws IOException {
        try (InputStream in = Files.newInputStream(directory.resolve(f.location()))) {
            return CrlfInputStream.virtualSize(in);
        } catch (NoSuchFileException e) {
            return -1;
        }
    }

    /** The messages of a listing in UID order, as records shared with the other views of this directory. */
    private List<MailboxMessage> messagesOf(Map<String, Found> found, UidList list) throws IOException {
        List<MailboxMessage> fresh = new ArrayList<>(found.size());
        for (UidList.Entry entry : list.entries()) {
            Found f = found.get(entry.base());
            if (f == null) {
                continue;
            }
            SharedMailboxState.Facts about = facts(f, entry);
            if (about == null) {
                continue;
            }
            ModSeqStore.Recorded recorded = modSeqs.get(entry.uid());
            fresh.add(shared.intern(new MailboxMessage(entry.uid(), entry.base(), about.size(), about.virtualSize(),
                    flags(f.name().info()), about.internalDate(), recorded == null ? 1 : recorded.modSeq())));
            String location = f.location();
            if (!location.equals(shared.locations.get(entry.base()))) {
                shared.locations.put(entry.base(), location);
            }
        }
        shared.retain(found.keySet());
        return List.copyOf(fresh);
    }

    /** Compares a listing's messages (UID order) with the view, which becomes them. */
    private Refresh rebuildView(List<MailboxMessage> fresh, Set<String> movedByUs) {
        List<MailboxMessage> old = view;
        List<MailboxMessage> added = new ArrayList<>();
        List<MailboxMessage> changed = new ArrayList<>();
        List<Long> recent = new ArrayList<>();
        List<Long> expunged = new ArrayList<>();
        long highestSeen = old.isEmpty() ? 0 : old.get(old.size() - 1).uid();
        List<MailboxMessage> visible = new ArrayList<>(fresh.size());
        boolean allVisible = true;
        int at = 0;
        for (MailboxMessage m : fresh) {
            while (at < old.size() && old.get(at).uid() < m.uid()) {
                expunged.add(old.get(at++).uid());
            }
            if (at < old.size() && old.get(at).uid() == m.uid()) {
                if (!old.get(at).flags().equals(m.flags())) {
                    changed.add(m);
                }
                at++;
            } else if (m.uid() <= highestSeen) {
                // reappeared after a listing missed it: the view must not go back in UIDs
                allVisible = false;
                continue;
            } else {
                added.add(m);
                if (movedByUs.contains(m.baseName())) {
                    recent.add(m.uid());
                }
            }
            visible.add(m);
        }
        while (at < old.size()) {
            expunged.add(old.get(at++).uid());
        }
        view = allVisible ? fresh : List.copyOf(visible);
        return new Refresh(List.copyOf(added), List.copyOf(expunged), List.copyOf(changed), List.copyOf(recent));
    }

    /** Size, virtual size and date of a message, from the name and the uidlist where they are, else from the file. */
    private SharedMailboxState.Facts facts(Found f, UidList.Entry entry) throws IOException {
        SharedMailboxState.Facts known = shared.facts.get(entry.base());
        if (known != null) {
            return known;
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(directory.resolve(f.location()), BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            // renamed since the listing (a flag change elsewhere), or expunged
            Found again = list().get(entry.base());
            if (again == null) {
                return null;
            }
            try {
                attributes = Files.readAttributes(directory.resolve(again.location()), BasicFileAttributes.class);
            } catch (NoSuchFileException gone) {
                return null;
            }
        }
        long size = f.name().size().orElse(attributes.size());
        long virtualSize = f.name().virtualSize().orElse(entry.virtualSize());
        if (virtualSize < 0) {
            virtualSize = computeVirtualSize(f);
            if (virtualSize < 0) {
                return null;
            }
        }
        SharedMailboxState.Facts about = new SharedMailboxState.Facts(size, virtualSize,
                attributes.lastModifiedTime().toInstant());
        shared.facts.put(entry.base(), about);
        return about;
    }

    private MessageFlags flags(String info) {
        EnumSet<SystemFlag> system = EnumSet.noneOf(SystemFlag.class);
        for (SystemFlag flag : SystemFlag.values()) {
            if (info.indexOf(flag.letter()) >= 0) {
                system.add(flag);
            }
        }
        return new MessageFlags(system, keywords.keywords(info));
    }

    /** The info letters of {@code flags}, keeping letters of {@code oldInfo} that are no IMAP flags (like {@code P}); assigns keyword letters. */
    private static String letters(MessageFlags flags, KeywordTable table, String oldInfo) throws IOException {
        StringBuilder letters = new StringBuilder();
        for (char c : oldInfo.toCharArray()) {
            if (SYSTEM_LETTERS.indexOf(c) < 0 && (c < 'a' || c > 'z')) {
                letters.append(c);
            }
        }
        for (SystemFlag flag : flags.system()) {
            letters.append(flag.letter());
        }
        for (String keyword : flags.keywords()) {
            letters.append(table.assign(keyword));
        }
        return MaildirFileName.sortedLetters(letters.toString());
    }

    /** Messages up to this size are served from one array ({@link #content}); larger ones are streamed. */
    private static final long READ_AT_ONCE = 1 << 20;

    @Override
    public InputStream open(MailboxMessage message) throws IOException {
        if (message.size() <= READ_AT_ONCE) {
            return new ByteArrayInputStream(content(message));
        }
        return withFile(message, file -> new CrlfInputStream(new BufferedInputStream(Files.newInputStream(file))));
    }

    /**
     * The file read in one go into an array of its size, then widened to CRLF (if it needs
     * it) in one pass into an array of the virtual size.
     */
    @Override
    public byte[] content(MailboxMessage message) throws IOException {
        return LineFeeds.toCrlf(withFile(message, MaildirMailbox::readFile), message.virtualSize());
    }

    /** The whole file in an array of its size: one read for a small file (no stream or channel wrappers). */
    private static byte[] readFile(Path file) throws IOException {
        try (FileInputStream in = new FileInputStream(file.toFile())) {
            long size = in.getChannel().size();
            if (size > Integer.MAX_VALUE - 16) {
                throw new IOException("message file too large: " + file);
            }
            byte[] bytes = new byte[(int) size];
            int n = in.readNBytes(bytes, 0, bytes.length);
            return n == bytes.length ? bytes : Arrays.copyOf(bytes, n);
        } catch (FileNotFoundException e) {
            throw Files.exists(file) ? e : new NoSuchFileException(file.toString());
        }
    }

    /** What a file operation needs to do to a message's file. */
    @FunctionalInterface
    private interface FileAction<T> {
        T apply(Path file) throws IOException;
    }

    /**
     * Runs {@code action} on the message's file where it was last seen and, if it is not
     * there (renamed by another session or process), once more where a listing finds it.
     *
     * @throws NoSuchFileException if the message was expunged
     */
    private <T> T withFile(MailboxMessage message, FileAction<T> action) throws IOException {
        String location = shared.locations.get(message.baseName());
        if (location != null) {
            try {
                return action.apply(directory.resolve(location));
            } catch (NoSuchFileException e) {
                // renamed or expunged since: look for it
            }
        }
        return action.apply(relocate(message));
    }

    /** The message's file found again by its base name in a new listing. */
    private Path relocate(MailboxMessage message) throws IOException {
        Found f = list().get(message.baseName());
        if (f == null) {
            throw new NoSuchFileException(directory.resolve("cur").resolve(message.baseName()).toString(), null, "message expunged");
        }
        shared.locations.put(message.baseName(), f.location());
        return directory.resolve(f.location());
    }

    /** The message's file as last seen, or found again after a rename elsewhere. */
    private Path locate(MailboxMessage message) throws IOException {
        String location = shared.locations.get(message.baseName());
        return location != null ? directory.resolve(location) : relocate(message);
    }

    @Override
    public MailboxMessage setFlags(MailboxMessage message, MessageFlags flags) throws IOException {
        requireWritable();
        MailboxMessage updated;
        try (UidListLock lock = UidListLock.acquire(directory)) {
            KeywordTable table = KeywordTable.read(directory);
            boolean newKeywords = !table.knowsAll(flags.keywords());
            Path file = locate(message);
            if (!Files.exists(file)) {
                file = relocate(message);
            }
            MaildirFileName current = MaildirFileName.parse(file.getFileName().toString());
            String info = letters(flags, table, current.info());
            if (newKeywords) {
                table.write(directory);
            }
            keywords = table;
            Path target = maildir.cur().resolve(current.withInfo(info).format());
            if (!target.equals(file)) {
                try {
                    Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (NoSuchFileException e) {
                    file = relocate(message);
                    Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
                }
            }
            shared.locations.put(message.baseName(), "cur/" + target.getFileName());
            modSeqs.catchUp();
            long modSeq = modSeqs.record(Map.of(message.uid(), info), List.of());
            highestModSeq = Math.max(highestModSeq, modSeq);
            updated = new MailboxMessage(message.uid(), message.baseName(), message.size(), message.virtualSize(),
                    flags(info), message.internalDate(), modSeq);
        }
        replaceInView(updated);
        events.changed(directory);
        return updated;
    }

    private void replaceInView(MailboxMessage updated) {
        List<MailboxMessage> copy = new ArrayList<>(view);
        for (int i = 0; i < copy.size(); i++) {
            if (copy.get(i).uid() == updated.uid()) {
                copy.set(i, updated);
                view = List.copyOf(copy);
                return;
            }
        }
    }

    @Override
    public long append(byte[] message, MessageFlags flags, Instant internalDate) throws IOException {
        byte[] lf = toLf(message);
        long virtualSize = CrlfInputStream.virtualSize(new java.io.ByteArrayInputStream(lf));
        String base = uniqueBase(lf.length, virtualSize);
        Path tmp = maildir.tmp().resolve(base);
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(lf);
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.setLastModifiedTime(tmp, FileTime.from(internalDate));
            long uid;
            try (UidListLock lock = UidListLock.acquire(directory)) {
                KeywordTable table = KeywordTable.read(directory);
                boolean newKeywords = !table.knowsAll(flags.keywords());
                String info = letters(flags, table, "");
                if (newKeywords) {
                    table.write(directory);
                }
                Files.move(tmp, maildir.cur().resolve(new MaildirFileName(base, info).format()), StandardCopyOption.ATOMIC_MOVE);
                uid = register(Map.of(base, info));
            }
            syncDirectory(maildir.cur());
            events.changed(directory);
            return uid;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Under the lock: UIDs and modseqs for files just put into {@code cur/}; returns the first UID. */
    private long register(Map<String, String> infoByBase) throws IOException {
        UidList list = readOrCreate();
        modSeqs.catchUp();
        Map<Long, String> changes = new TreeMap<>();
        long first = -1;
        for (Map.Entry<String, String> added : infoByBase.entrySet()) {
            UidList.Entry entry = list.add(added.getKey(), Map.of());
            changes.put(entry.uid(), added.getValue());
            first = first < 0 ? entry.uid() : first;
        }
        list.write(directory);
        highestModSeq = Math.max(highestModSeq, modSeqs.record(changes, List.of()));
        return first;
    }

    @Override
    public List<Long> copy(List<MailboxMessage> messages, Mailbox target) throws IOException {
        if (!(target instanceof MaildirMailbox to)) {
            throw new IllegalArgumentException("target is not a Maildir mailbox");
        }
        List<Path> sources = new ArrayList<>(messages.size());
        for (MailboxMessage message : messages) {
            sources.add(withFile(message, file -> {
                Files.readAttributes(file, BasicFileAttributes.class);
                return file;
            }));
        }
        return to.receiveCopies(messages, sources);
    }

    /** Links (or copies) the files into this mailbox under its lock, keeping flags and dates. */
    private List<Long> receiveCopies(List<MailboxMessage> messages, List<Path> sources) throws IOException {
        List<Path> created = new ArrayList<>();
        List<Long> uids = new ArrayList<>();
        boolean done = false;
        try (UidListLock lock = UidListLock.acquire(directory)) {
            KeywordTable table = KeywordTable.read(directory);
            boolean newKeywords = !table.knowsAll(messages.stream().flatMap(m -> m.flags().keywords().stream())
                    .collect(java.util.stream.Collectors.toSet()));
            Map<String, String> infoByBase = new LinkedHashMap<>();
            for (int i = 0; i < messages.size(); i++) {
                MailboxMessage message = messages.get(i);
                String base = uniqueBase(message.size(), message.virtualSize());
                String info = letters(message.flags(), table, "");
                Path target = maildir.cur().resolve(new MaildirFileName(base, info).format());
                linkOrCopy(sources.get(i), target);
                created.add(target);
                infoByBase.put(base, info);
            }
            if (newKeywords) {
                table.write(directory);
            }
            long first = register(infoByBase);
            for (int i = 0; i < messages.size(); i++) {
                uids.add(first + i);
            }
            done = true;
        } finally {
            if (!done) {
                for (Path path : created) {
                    Files.deleteIfExists(path);
                }
            }
        }
        syncDirectory(maildir.cur());
        events.changed(directory);
        return uids;
    }

    private static void linkOrCopy(Path source, Path target) throws IOException {
        try {
            Files.createLink(target, source);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(source.toString(), null, "message expunged");
        } catch (FileSystemException | UnsupportedOperationException e) {
            // another file system: a real copy, keeping the date
            Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    @Override
    public void expunge(List<MailboxMessage> messages) throws IOException {
        requireWritable();
        if (messages.isEmpty()) {
            return;
        }
        for (MailboxMessage message : messages) {
            try {
                withFile(message, file -> {
                    Files.delete(file);
                    return file;
                });
            } catch (NoSuchFileException e) {
                // gone already
            }
        }
        try (UidListLock lock = UidListLock.acquire(directory)) {
            UidList list = readOrCreate();
            modSeqs.catchUp();
            boolean changed = false;
            List<Long> uids = new ArrayList<>();
            for (MailboxMessage message : messages) {
                changed |= list.remove(message.baseName());
                if (modSeqs.get(message.uid()) != null) {
                    uids.add(message.uid());
                }
            }
            if (changed) {
                list.write(directory);
            }
            highestModSeq = Math.max(highestModSeq, modSeqs.record(Map.of(), uids));
        }
        events.changed(directory);
    }

    private void requireWritable() {
        if (readOnly) {
            throw new IllegalStateException("mailbox " + name + " is open read-only");
        }
    }

    /** A new file base name, unique across processes and hosts as Dovecot makes them, with its sizes. */
    private String uniqueBase(long size, long virtualSize) {
        Instant now = Instant.now();
        return now.getEpochSecond() + ".M" + (now.getNano() / 1000) + "P" + ProcessHandle.current().pid()
                + "Q" + COUNTER.incrementAndGet() + "." + host + ",S=" + size + ",W=" + virtualSize;
    }

    /** CRLF line ends to LF, as Dovecot stores messages ({@code mail_save_crlf = no}). */
    static byte[] toLf(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length);
        for (int i = 0; i < message.length; i++) {
            if (message[i] == '\r' && i + 1 < message.length && message[i + 1] == '\n') {
                continue;
            }
            out.write(message[i]);
        }
        return out.toByteArray();
    }

    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    @Override
    public void close() {
        view = List.of();
        if (!closed) {
            closed = true;
            shares.release(shared);
        }
    }
}
