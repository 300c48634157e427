package org.yubin.directory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yubin.config.YubinProperties;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;

/**
 * The {@link Directory} on an LDAP connection pool: the same code for the embedded
 * server and an external one. Searches {@code yubin.directory.base} with
 * {@code user-filter} (logins) or {@code recipient-filter} (addresses); both contain
 * {@code status=valid}, so invalid users are never found. Passwords are checked here
 * against {@code userPassword} ({@link PasswordSchemes}); when the server does not
 * let us read it, by a simple bind as the user's DN.
 *
 * <p>Limits: each search returns at most 2 entries (more means an ambiguous directory,
 * reported as {@link DirectoryUnavailableException}) and may take 10 s. Hosted domains
 * are cached for {@value #DOMAIN_CACHE_SECONDS} s, recipient look-ups (found or not)
 * for {@code yubin.directory.cache-ttl}; both until {@link #refresh()}, which a reload
 * of the embedded directory calls. Logins are never cached here.
 * Thread-safe.
 */
public class LdapDirectory implements Directory {

    static final long DOMAIN_CACHE_SECONDS = 60;

    private static final Logger log = LoggerFactory.getLogger(LdapDirectory.class);
    private static final int TIME_LIMIT_SECONDS = 10;
    private static final String[] USER_ATTRIBUTES = {
        "cn", "mail", "mailAlternateAddress", "homeDirectory", "uidNumber", "gidNumber", "userPassword", "mailQuota"};

    private final LDAPConnectionPool pool;
    private final YubinProperties.Directory settings;
    private final List<String> configuredDomains;
    private final Path dataDir;
    private final Clock clock;
    private volatile CachedDomains domains;
    private final RecipientCache recipients;
    private final List<Runnable> refreshListeners = new CopyOnWriteArrayList<>();

    private record CachedDomains(Set<String> names, Instant expires) { }

    public LdapDirectory(LDAPConnectionPool pool, YubinProperties properties) {
        this(pool, properties, Clock.systemUTC());
    }

    LdapDirectory(LDAPConnectionPool pool, YubinProperties properties, Clock clock) {
        this.pool = pool;
        this.settings = properties.getDirectory();
        this.configuredDomains = List.copyOf(properties.getDomains());
        this.dataDir = properties.getDataDir().toAbsolutePath().normalize();
        this.clock = clock;
        this.recipients = new RecipientCache(settings.getCacheTtl(), clock);
    }

    @Override
    public Optional<MailUser> findRecipient(String address) {
        String login = LdapTemplates.normalize(address);
        if (!isAddress(login)) {
            return Optional.empty();
        }
        return recipients.get(login, () -> searchOne(login, settings.getRecipientFilter()).map(this::toUser));
    }

    @Override
    public Optional<MailUser> authenticate(String login, String password) {
        // An empty password would be an unauthenticated bind (RFC 4513 5.1.2): always wrong.
        if (login == null || password == null || password.isEmpty()) {
            return Optional.empty();
        }
        String normalized = LdapTemplates.normalize(login);
        Optional<SearchResultEntry> entry = searchOne(normalized, settings.getUserFilter());
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        SearchResultEntry e = entry.get();
        boolean ok = e.hasAttribute("userPassword")
                ? matchesAny(e.getAttributeValueByteArrays("userPassword"), password)
                : bindsAs(e.getDN(), password);
        return ok ? Optional.of(toUser(e)) : Optional.empty();
    }

    /**
     * Reads {@code userPassword}; a {@code {PLAIN}} (or scheme-less) value gives the
     * password. Entries whose password the server does not let us read have none here.
     */
    @Override
    public Optional<CleartextCredential> cleartextPassword(String login) {
        if (login == null) {
            return Optional.empty();
        }
        Optional<SearchResultEntry> entry = searchOne(LdapTemplates.normalize(login), settings.getUserFilter());
        if (entry.isEmpty() || !entry.get().hasAttribute("userPassword")) {
            return Optional.empty();
        }
        for (byte[] value : entry.get().getAttributeValueByteArrays("userPassword")) {
            Optional<String> password = PasswordSchemes.cleartext(new String(value, StandardCharsets.UTF_8));
            if (password.isPresent() && !password.get().isEmpty()) {
                return Optional.of(new CleartextCredential(toUser(entry.get()), password.get()));
            }
        }
        return Optional.empty();
    }

    @Override
    public Set<String> domains() {
        if (!configuredDomains.isEmpty()) {
            Set<String> names = new TreeSet<>();
            configuredDomains.forEach(d -> names.add(d.strip().toLowerCase(Locale.ROOT)));
            return names;
        }
        CachedDomains cached = domains;
        if (cached != null && clock.instant().isBefore(cached.expires())) {
            return cached.names();
        }
        try {
            Set<String> names = searchDomains();
            domains = new CachedDomains(names, clock.instant().plusSeconds(DOMAIN_CACHE_SECONDS));
            return names;
        } catch (LDAPException e) {
            if (cached != null) {
                log.warn("directory: domains lookup failed, keeping the last list: {}", e.getMessage());
                return cached.names();
            }
            throw new DirectoryUnavailableException("domains lookup failed: " + e.getMessage(), e);
        }
    }

    /**
     * Forgets cached domains and recipients, so that the next call asks the directory
     * again, then runs the {@link #onRefresh refresh listeners} (e.g. the login cache).
     */
    public void refresh() {
        domains = null;
        recipients.clear();
        refreshListeners.forEach(Runnable::run);
    }

    /** Runs {@code listener} after each {@link #refresh()}, so caches built on the directory go too. */
    public void onRefresh(Runnable listener) {
        refreshListeners.add(listener);
    }

    /** Whether a search of the base of {@code yubin.directory.domains-base} succeeds. */
    public boolean isReachable(Duration timeout) {
        try {
            SearchRequest request = new SearchRequest(settings.getDomainsBase(), SearchScope.BASE, "(objectClass=*)", "1.1");
            request.setTimeLimitSeconds((int) Math.max(1, timeout.toSeconds()));
            return pool.search(request).getResultCode() == ResultCode.SUCCESS;
        } catch (LDAPException e) {
            return false;
        }
    }

    private Set<String> searchDomains() throws LDAPException {
        SearchRequest request = new SearchRequest(settings.getDomainsBase(), SearchScope.ONE, "(dc=*)", "dc");
        request.setTimeLimitSeconds(TIME_LIMIT_SECONDS);
        Set<String> names = new TreeSet<>();
        for (SearchResultEntry entry : pool.search(request).getSearchEntries()) {
            var rdn = entry.getParsedDN().getRDN();
            if (rdn != null && rdn.hasAttribute("dc")) {
                names.add(rdn.getAttributeValues()[0].toLowerCase(Locale.ROOT));
            }
        }
        return Set.copyOf(names);
    }

    private Optional<SearchResultEntry> searchOne(String login, String filterTemplate) {
        String base = LdapTemplates.dn(settings.getBase(), login);
        String filter = LdapTemplates.filter(filterTemplate, login);
        try {
            if (!DN.isValidDN(base)) {
                return Optional.empty();
            }
            SearchRequest request = new SearchRequest(base, SearchScope.SUB, filter, USER_ATTRIBUTES);
            request.setSizeLimit(2);
            request.setTimeLimitSeconds(TIME_LIMIT_SECONDS);
            SearchResult result = pool.search(request);
            List<SearchResultEntry> entries = result.getSearchEntries();
            return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(0));
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT || e.getResultCode() == ResultCode.INVALID_DN_SYNTAX) {
                return Optional.empty(); // a domain without a subtree, or no domain: no such user
            }
            if (e.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED) {
                throw new DirectoryUnavailableException("more than one entry for " + login + " under " + base);
            }
            throw new DirectoryUnavailableException("search for " + login + " failed: " + e.getMessage(), e);
        }
    }

    private static boolean matchesAny(byte[][] stored, String password) {
        boolean match = false;
        for (byte[] value : stored) {
            match |= PasswordSchemes.verify(new String(value, StandardCharsets.UTF_8), password);
        }
        return match;
    }

    private boolean bindsAs(String dn, String password) {
        try {
            pool.bindAndRevertAuthentication(dn, password);
            return true;
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.INVALID_CREDENTIALS) {
                return false;
            }
            throw new DirectoryUnavailableException("bind as " + dn + " failed: " + e.getMessage(), e);
        }
    }

    private MailUser toUser(SearchResultEntry e) {
        String login = e.getAttributeValue("cn").toLowerCase(Locale.ROOT);
        Set<String> addresses = new LinkedHashSet<>();
        addresses.add(login);
        addAll(addresses, e.getAttributeValues("mail"));
        addAll(addresses, e.getAttributeValues("mailAlternateAddress"));
        String home = e.getAttributeValue("homeDirectory");
        if (home == null || home.isBlank()) {
            throw new DirectoryUnavailableException(e.getDN() + " has no homeDirectory");
        }
        return new MailUser(login, e.getDN(), dataDir.resolve(home), intValue(e, "uidNumber"),
                intValue(e, "gidNumber"), List.copyOf(addresses), quotaBytes(e));
    }

    /** The {@code mailQuota} limit; a value that does not parse means no limit, with a warning. */
    private static long quotaBytes(SearchResultEntry e) {
        String value = e.getAttributeValue("mailQuota");
        if (value == null) {
            return 0;
        }
        try {
            return QuotaSize.parse(value);
        } catch (IllegalArgumentException bad) {
            log.warn("{}: mailQuota \"{}\" ignored: {}", e.getDN(), value, bad.getMessage());
            return 0;
        }
    }

    private static void addAll(Set<String> into, String[] values) {
        if (values != null) {
            for (String v : values) {
                into.add(v.toLowerCase(Locale.ROOT));
            }
        }
    }

    private static int intValue(SearchResultEntry e, String attribute) {
        Integer value = e.getAttributeValueAsInteger(attribute);
        return value == null ? -1 : value;
    }

    private static boolean isAddress(String login) {
        int at = login.lastIndexOf('@');
        return at > 0 && at < login.length() - 1;
    }
}
