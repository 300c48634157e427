package org.yubin.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AliasRecipientResolverTest {

    /** Users by address; two addresses of one mailbox map to the same user. */
    static final class FakeDirectory implements Directory {
        final Map<String, MailUser> users;

        FakeDirectory(MailUser... users) {
            var map = new java.util.HashMap<String, MailUser>();
            for (MailUser u : users) {
                u.addresses().forEach(a -> map.put(a, u));
            }
            this.users = map;
        }

        @Override
        public Optional<MailUser> findRecipient(String address) {
            return Optional.ofNullable(users.get(address));
        }

        @Override
        public Optional<MailUser> authenticate(String login, String password) {
            return Optional.empty();
        }

        @Override
        public Set<String> domains() {
            return Set.of("example.com", "example.org");
        }
    }

    static MailUser user(String login, String... more) {
        List<String> addresses = new java.util.ArrayList<>(List.of(login));
        addresses.addAll(List.of(more));
        return new MailUser(login, "cn=" + login, Path.of("/data", login), 5000, 5000, addresses);
    }

    static final MailUser ALICE = user("alice@example.com", "al@example.com");
    static final MailUser BOB = user("bob@example.com");
    static final MailUser CAROL = user("carol@example.org");

    @TempDir
    Path dir;
    Path file;
    AliasRecipientResolver resolver;

    @BeforeEach
    void setUp() throws Exception {
        file = dir.resolve("aliases");
        Files.writeString(file, """
                # comment
                postmaster: alice
                info@example.com: bob@example.com,
                  carol@example.org
                team: info@example.com, alice@example.com, al@example.com, friend@remote.test
                loop1: loop2
                loop2: loop1, bob
                self@example.com: self@example.com, alice
                ghost: nobody
                """);
        resolver = new AliasRecipientResolver(new FakeDirectory(ALICE, BOB, CAROL), file);
    }

    @Test
    void aNameWithoutDomainAppliesInEveryHostedDomainAndTargetsKeepTheAliasDomain() {
        assertThat(resolver.resolve("postmaster@example.com"))
                .isEqualTo(new Recipient.Alias("postmaster@example.com", List.of("alice@example.com")));
        assertThat(resolver.resolve("Postmaster@EXAMPLE.org"))
                .isEqualTo(new Recipient.Alias("postmaster@example.org", List.of("alice@example.org")));
    }

    @Test
    void aNameWithDomainAppliesOnlyThereAndContinuationLinesAddTargets() {
        assertThat(resolver.resolve("info@example.com"))
                .isEqualTo(new Recipient.Alias("info@example.com", List.of("bob@example.com", "carol@example.org")));
        assertThat(resolver.resolve("info@example.org")).isEqualTo(new Recipient.Unknown("info@example.org"));
    }

    @Test
    void usersUnknownAndRemoteAddressesAreToldApart() {
        assertThat(resolver.resolve("al@example.com")).isEqualTo(new Recipient.Local("al@example.com", ALICE));
        assertThat(resolver.resolve("nobody@example.com")).isEqualTo(new Recipient.Unknown("nobody@example.com"));
        assertThat(resolver.resolve("someone@remote.test")).isEqualTo(new Recipient.Remote("someone@remote.test"));
        assertThat(resolver.resolve("no-domain")).isEqualTo(new Recipient.Unknown("no-domain"));
    }

    @Test
    void expansionIsRecursiveAndEachMailboxComesOnce() {
        assertThat(resolver.expand("team@example.com")).containsExactly(
                new Recipient.Local("bob@example.com", BOB),
                new Recipient.Local("carol@example.org", CAROL),
                new Recipient.Local("alice@example.com", ALICE),
                new Recipient.Remote("friend@remote.test"));
    }

    @Test
    void aLoopEndsAtTheAddressAlreadyBeingExpanded() {
        // loop1 -> loop2 -> (loop1: on the path, taken as a mailbox: unknown), bob
        assertThat(resolver.expand("loop1@example.com")).containsExactly(
                new Recipient.Unknown("loop1@example.com"),
                new Recipient.Local("bob@example.com", BOB));
        assertThat(resolver.expand("self@example.com")).containsExactly(
                new Recipient.Unknown("self@example.com"),
                new Recipient.Local("alice@example.com", ALICE));
    }

    @Test
    void anAliasToNobodyExpandsToUnknown() {
        assertThat(resolver.expand("ghost@example.com")).containsExactly(new Recipient.Unknown("nobody@example.com"));
    }

    @Test
    void nestingDeeperThanTheLimitYieldsUnknownRatherThanLosingMail() throws Exception {
        StringBuilder chain = new StringBuilder();
        for (int i = 0; i < AliasRecipientResolver.MAX_DEPTH + 2; i++) {
            chain.append("a").append(i).append(": a").append(i + 1).append('\n');
        }
        Files.writeString(file, chain);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        AliasRecipientResolver deep = new AliasRecipientResolver(new FakeDirectory(), file);
        assertThat(deep.expand("a0@example.com"))
                .containsExactly(new Recipient.Unknown("a" + AliasRecipientResolver.MAX_DEPTH + "@example.com"));
    }

    @Test
    void aChangedFileIsReadAgainAndABrokenOneKeepsTheOldAliases() throws Exception {
        MutableClock clock = new MutableClock();
        AliasRecipientResolver r = new AliasRecipientResolver(new FakeDirectory(ALICE, BOB), file, clock);
        assertThat(r.resolve("ghost@example.com")).isInstanceOf(Recipient.Alias.class);

        Files.writeString(file, "ghost: bob\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
        clock.now = clock.now.plusSeconds(2);
        assertThat(r.resolve("ghost@example.com"))
                .isEqualTo(new Recipient.Alias("ghost@example.com", List.of("bob@example.com")));

        Files.writeString(file, "this line has no colon\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(20)));
        clock.now = clock.now.plusSeconds(2);
        assertThat(r.resolve("ghost@example.com"))
                .isEqualTo(new Recipient.Alias("ghost@example.com", List.of("bob@example.com")));

        Files.delete(file);
        clock.now = clock.now.plusSeconds(2);
        assertThat(r.resolve("ghost@example.com")).isEqualTo(new Recipient.Unknown("ghost@example.com"));
    }

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");

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
