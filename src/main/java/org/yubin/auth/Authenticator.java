package org.yubin.auth;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.yubin.directory.CleartextCredential;
import org.yubin.directory.Directory;
import org.yubin.directory.MailUser;

/**
 * Logins for every protocol (SMTP AUTH now, IMAP and POP3 later): the enabled SASL
 * mechanisms ({@code yubin.auth.mechanisms}), password checks against the
 * {@link Directory} with a cache ({@code yubin.auth.cache-ttl},
 * {@code cache-negative-ttl}; {@link #invalidateCache()} on a directory reload), and the
 * policy for failures: each is answered after {@code yubin.auth.failure-delay}, and a
 * client address with more than {@code max-failures-per-minute} failures is refused
 * without a check ({@link #isOverFailureLimit}), its replies delayed twice as long.
 *
 * <p>The protocol side schedules the delayed reply itself (never sleeps a shared thread).
 * Bean {@code authenticator}. Thread-safe.
 */
public class Authenticator implements Credentials {

    private final Directory directory;
    private final AuthSettings settings;
    private final AuthCache cache;
    private final FailureLimiter failures;

    public Authenticator(Directory directory, AuthSettings settings, Clock clock) {
        this.directory = directory;
        this.settings = settings;
        this.cache = new AuthCache(settings.cacheTtl(), settings.negativeCacheTtl(), clock);
        this.failures = new FailureLimiter(settings.maxFailuresPerMinute(), clock);
    }

    /** The mechanisms to advertise, in the configured order. */
    public List<SaslMechanism> mechanisms() {
        return settings.mechanisms();
    }

    /** A new exchange of the mechanism called {@code name}; empty when it is not enabled. */
    public Optional<SaslServer> start(String name, String hostname) {
        return SaslMechanism.byName(name)
                .filter(settings.mechanisms()::contains)
                .map(mechanism -> mechanism.newServer(this, hostname));
    }

    /** Whether {@code client} has failed too often in the last minute: refuse it without a check. */
    public boolean isOverFailureLimit(InetAddress client) {
        return failures.isOverLimit(client);
    }

    /**
     * Records a failed login of {@code client} and returns how long to wait before
     * answering it: the failure delay, doubled once the address is over its limit.
     */
    public Duration recordFailure(InetAddress client) {
        int recent = failures.recordFailure(client);
        return recent > settings.maxFailuresPerMinute() ? overLimitDelay() : settings.failureDelay();
    }

    /** How long a refusal of an address over its limit waits. */
    public Duration overLimitDelay() {
        return settings.failureDelay().multipliedBy(2);
    }

    /** Forgets every cached password check (a directory reload calls it). */
    public void invalidateCache() {
        cache.clear();
    }

    /** Through the cache; an empty password never matches. */
    @Override
    public Optional<MailUser> verify(String login, String password) {
        if (login == null || login.isBlank() || password == null || password.isEmpty()) {
            return Optional.empty();
        }
        Optional<Optional<MailUser>> cached = cache.get(login, password);
        if (cached.isPresent()) {
            return cached.get();
        }
        Optional<MailUser> user = directory.authenticate(login, password);
        cache.put(login, password, user);
        return user;
    }

    /** Straight from the directory, not cached: the password should not stay in memory. */
    @Override
    public Optional<CleartextCredential> cleartext(String login) {
        if (login == null || login.isBlank()) {
            return Optional.empty();
        }
        return directory.cleartextPassword(login);
    }

    int cachedEntries() {
        return cache.size();
    }
}
