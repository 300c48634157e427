package org.yubin.directory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link RecipientResolver}: the aliases file ({@code yubin.aliases}) first, then
 * the {@link Directory}. The directory's hosted domains decide local or remote.
 *
 * <p>Expansion, as Postfix does virtual aliases: recursive up to {@value #MAX_DEPTH}
 * levels (deeper yields {@link Recipient.Unknown}, so the mail bounces rather than
 * vanishes); an address that is already being expanded higher up (a loop, or
 * {@code a: a, b}) is taken as a mailbox, not expanded again; results are
 * de-duplicated, two addresses of the same mailbox count once.
 *
 * <p>The file is checked for changes at most once per second, on use; a file that does
 * not parse is logged and the previous aliases stay. Thread-safe.
 */
public class AliasRecipientResolver implements RecipientResolver {

    static final int MAX_DEPTH = 10;

    private static final Logger log = LoggerFactory.getLogger(AliasRecipientResolver.class);
    private static final long CHECK_INTERVAL_MILLIS = 1000;

    private final Directory directory;
    private final Path file;
    private final Clock clock;
    private volatile AliasTable table = AliasTable.EMPTY;
    private volatile FileTime loadedStamp;
    private volatile Instant nextCheck = Instant.MIN;

    public AliasRecipientResolver(Directory directory, Path aliasesFile) {
        this(directory, aliasesFile, Clock.systemUTC());
    }

    AliasRecipientResolver(Directory directory, Path aliasesFile, Clock clock) {
        this.directory = directory;
        this.file = aliasesFile;
        this.clock = clock;
    }

    @Override
    public Recipient resolve(String address) {
        String a = LdapTemplates.normalize(address);
        int at = a.lastIndexOf('@');
        if (at <= 0 || at == a.length() - 1) {
            return new Recipient.Unknown(a);
        }
        if (!directory.isLocalDomain(a.substring(at + 1))) {
            return new Recipient.Remote(a);
        }
        List<String> targets = aliases().targetsOf(a);
        if (targets != null) {
            return new Recipient.Alias(a, targets);
        }
        return mailbox(a);
    }

    @Override
    public List<Recipient> expand(String address) {
        Map<String, Recipient> found = new LinkedHashMap<>();
        expand(LdapTemplates.normalize(address), new HashSet<>(), 0, found);
        return List.copyOf(found.values());
    }

    private void expand(String address, Set<String> path, int depth, Map<String, Recipient> found) {
        Recipient r = path.contains(address) ? mailboxOrRemote(address) : resolve(address);
        if (r instanceof Recipient.Alias alias) {
            if (depth >= MAX_DEPTH) {
                log.warn("aliases: {} nested deeper than {} levels, not delivered", address, MAX_DEPTH);
                found.putIfAbsent(address, new Recipient.Unknown(address));
                return;
            }
            path.add(address);
            for (String target : alias.targets()) {
                expand(target, path, depth + 1, found);
            }
            path.remove(address);
            return;
        }
        String key = r instanceof Recipient.Local local ? "mailbox:" + local.user().login() : r.address();
        found.putIfAbsent(key, r);
    }

    private Recipient mailboxOrRemote(String address) {
        Recipient r = resolve(address);
        return r instanceof Recipient.Alias ? mailbox(address) : r;
    }

    private Recipient mailbox(String address) {
        Optional<MailUser> user = directory.findRecipient(address);
        return user.<Recipient>map(u -> new Recipient.Local(address, u)).orElseGet(() -> new Recipient.Unknown(address));
    }

    private AliasTable aliases() {
        Instant now = clock.instant();
        if (now.isBefore(nextCheck)) {
            return table;
        }
        synchronized (this) {
            if (now.isBefore(nextCheck)) {
                return table;
            }
            nextCheck = now.plusMillis(CHECK_INTERVAL_MILLIS);
            reloadIfChanged();
            return table;
        }
    }

    private void reloadIfChanged() {
        FileTime stamp;
        try {
            stamp = Files.getLastModifiedTime(file);
        } catch (NoSuchFileException e) {
            if (loadedStamp != null || table != AliasTable.EMPTY) {
                log.info("aliases: {} is gone, no aliases", file);
            }
            table = AliasTable.EMPTY;
            loadedStamp = null;
            return;
        } catch (IOException e) {
            log.warn("aliases: cannot read {}, keeping the last aliases: {}", file, e.getMessage());
            return;
        }
        if (stamp.equals(loadedStamp)) {
            return;
        }
        loadedStamp = stamp;
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            table = AliasTable.parse(lines);
            log.info("aliases: loaded {}", file);
        } catch (IOException | IllegalArgumentException e) {
            log.warn("aliases: {} not loaded, keeping the last aliases: {}", file, e.getMessage());
        }
    }
}
