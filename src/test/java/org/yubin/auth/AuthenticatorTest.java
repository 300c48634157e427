package org.yubin.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.yubin.directory.CleartextCredential;
import org.yubin.directory.Directory;
import org.yubin.directory.MailUser;

/** The login cache and the failure limits of {@link Authenticator}, on a counting directory and a settable clock. */
class AuthenticatorTest {

    private final MutableClock clock = new MutableClock();
    private final CountingDirectory directory = new CountingDirectory();
    private final Authenticator authenticator = new Authenticator(directory,
            new AuthSettings(List.of(SaslMechanism.PLAIN, SaslMechanism.LOGIN), Duration.ofMinutes(30),
                    Duration.ofMinutes(5), Duration.ofSeconds(2), 3), clock);

    @Test
    void rightAndWrongPasswordsAreCachedForTheirOwnTtls() {
        assertThat(authenticator.verify("alice@example.com", "secret")).isPresent();
        assertThat(authenticator.verify("Alice@Example.com", "secret")).isPresent();
        assertThat(authenticator.verify("alice@example.com", "wrong")).isEmpty();
        assertThat(authenticator.verify("alice@example.com", "wrong")).isEmpty();
        assertThat(directory.binds.get()).isEqualTo(2);

        clock.advance(Duration.ofMinutes(6));
        assertThat(authenticator.verify("alice@example.com", "wrong")).isEmpty();
        assertThat(authenticator.verify("alice@example.com", "secret")).isPresent();
        assertThat(directory.binds.get()).isEqualTo(3);

        clock.advance(Duration.ofMinutes(25));
        assertThat(authenticator.verify("alice@example.com", "secret")).isPresent();
        assertThat(directory.binds.get()).isEqualTo(4);
    }

    @Test
    void invalidatingTheCacheAsksTheDirectoryAgain() {
        authenticator.verify("alice@example.com", "secret");
        authenticator.invalidateCache();
        assertThat(authenticator.cachedEntries()).isZero();
        authenticator.verify("alice@example.com", "secret");
        assertThat(directory.binds.get()).isEqualTo(2);
    }

    @Test
    void emptyPasswordsAndLoginsNeverReachTheDirectory() {
        assertThat(authenticator.verify("alice@example.com", "")).isEmpty();
        assertThat(authenticator.verify(" ", "secret")).isEmpty();
        assertThat(directory.binds.get()).isZero();
    }

    @Test
    void onlyEnabledMechanismsStart() {
        assertThat(authenticator.start("plain", "mx.test")).isPresent();
        assertThat(authenticator.start("CRAM-MD5", "mx.test")).isEmpty();
        assertThat(authenticator.start("NTLM", "mx.test")).isEmpty();
    }

    @Test
    void anAddressOverItsLimitIsRefusedForAMinuteAndWaitsLongerWhileOthersAreNotAffected() throws Exception {
        InetAddress attacker = InetAddress.getByName("192.0.2.1");
        InetAddress other = InetAddress.getByName("192.0.2.2");
        for (int i = 0; i < 3; i++) {
            assertThat(authenticator.isOverFailureLimit(attacker)).isFalse();
            assertThat(authenticator.recordFailure(attacker)).isEqualTo(Duration.ofSeconds(2));
        }
        assertThat(authenticator.isOverFailureLimit(attacker)).isTrue();
        assertThat(authenticator.recordFailure(attacker)).isEqualTo(Duration.ofSeconds(4));
        assertThat(authenticator.isOverFailureLimit(other)).isFalse();
        assertThat(authenticator.recordFailure(other)).isEqualTo(Duration.ofSeconds(2));

        clock.advance(Duration.ofSeconds(61));
        assertThat(authenticator.isOverFailureLimit(attacker)).isFalse();
    }

    @Test
    void unknownMechanismNamesInTheSettingsAreAnError() {
        assertThat(AuthSettings.parseMechanisms("PLAIN, login  SCRAM-SHA-256 plain"))
                .containsExactly(SaslMechanism.PLAIN, SaslMechanism.LOGIN, SaslMechanism.SCRAM_SHA_256);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AuthSettings.parseMechanisms("PLAIN DIGEST-MD5"))
                .hasMessageContaining("unknown mechanism DIGEST-MD5");
    }

    private static final class CountingDirectory implements Directory {
        final AtomicInteger binds = new AtomicInteger();

        @Override
        public Optional<MailUser> findRecipient(String address) {
            return Optional.empty();
        }

        @Override
        public Optional<MailUser> authenticate(String login, String password) {
            binds.incrementAndGet();
            return login.equalsIgnoreCase("alice@example.com") && password.equals("secret")
                    ? Optional.of(FakeCredentials.user("alice@example.com"))
                    : Optional.empty();
        }

        @Override
        public Optional<CleartextCredential> cleartextPassword(String login) {
            return Optional.empty();
        }

        @Override
        public Set<String> domains() {
            return Set.of("example.com");
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2025-06-03T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
