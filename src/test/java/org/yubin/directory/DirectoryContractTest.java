package org.yubin.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yubin.config.YubinProperties;

import com.unboundid.ldap.sdk.LDAPConnectionPool;

/**
 * What {@link LdapDirectory} promises, whichever LDAP server is behind it: run against
 * the embedded server and a real slapd with the same {@link TestDirectoryData}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DirectoryContractTest {

    static final Path DATA_DIR = Path.of("/srv/yubin-test-data");

    /** A pool that may read userPassword. */
    abstract LDAPConnectionPool pool();

    LdapDirectory directory() {
        YubinProperties properties = new YubinProperties();
        properties.setDataDir(DATA_DIR);
        return new LdapDirectory(pool(), properties);
    }

    @Test
    void findsAUserByLoginMailAndAlternateAddressIgnoringCase() {
        for (String address : List.of("alice@example.com", "ALICE@Example.COM", "alice.smith@example.com",
                "al@example.com", " <Al@EXAMPLE.com> ")) {
            MailUser user = directory().findRecipient(address).orElseThrow(() -> new AssertionError(address));
            assertThat(user.login()).isEqualTo("alice@example.com");
        }
    }

    @Test
    void aUserCarriesItsHomeIdsAndAddresses() {
        MailUser alice = directory().findRecipient("alice@example.com").orElseThrow();
        assertThat(alice.home()).isEqualTo(DATA_DIR.resolve("mail/example.com/alice"));
        assertThat(alice.maildir()).isEqualTo(DATA_DIR.resolve("mail/example.com/alice/Maildir"));
        assertThat(alice.uid()).isEqualTo(5001);
        assertThat(alice.gid()).isEqualTo(5002);
        assertThat(alice.addresses()).containsExactly("alice@example.com", "alice.smith@example.com", "al@example.com");
        assertThat(alice.dn()).isEqualToIgnoringCase("cn=alice@example.com,dc=example.com,dc=control,dc=isp");
    }

    @Test
    void theStorageLimitComesFromMailQuotaAndIsZeroWithoutIt() {
        assertThat(directory().findRecipient("alice@example.com").orElseThrow().quotaBytes()).isEqualTo(512L << 20);
        assertThat(directory().findRecipient("carol@example.org").orElseThrow().quotaBytes()).isZero();
    }

    @Test
    void anAbsoluteHomeIsUsedAsItIs() {
        assertThat(directory().findRecipient("carol@example.org").orElseThrow().home()).isEqualTo(Path.of("/var/mail/carol"));
    }

    @Test
    void anInvalidUserCanNeitherReceiveNorLogIn() {
        assertThat(directory().findRecipient("bob@example.com")).isEmpty();
        assertThat(directory().authenticate("bob@example.com", "bob-pw")).isEmpty();
    }

    @Test
    void unknownUsersAndDomainsAreNotFound() {
        assertThat(directory().findRecipient("nobody@example.com")).isEmpty();
        assertThat(directory().findRecipient("alice@example.net")).isEmpty();
        assertThat(directory().findRecipient("alice")).isEmpty();
        assertThat(directory().authenticate("nobody@example.com", "x")).isEmpty();
    }

    @Test
    void hostedDomainsAreTheDomainEntriesBelowTheDomainsBase() {
        assertThat(directory().domains()).isEqualTo(Set.of("example.com", "example.org"));
        assertThat(directory().isLocalDomain("EXAMPLE.org")).isTrue();
        assertThat(directory().isLocalDomain("example.net")).isFalse();
    }

    @Test
    void configuredDomainsReplaceTheDirectorysOwn() {
        YubinProperties properties = new YubinProperties();
        properties.setDomains(List.of("Example.NET"));
        assertThat(new LdapDirectory(pool(), properties).domains()).isEqualTo(Set.of("example.net"));
    }

    @ParameterizedTest(name = "{0} logs in with {1}")
    @CsvSource({
        "alice@example.com, alice-pw",
        "Alice@Example.com, alice-pw",
        "plain@example.com, plain-pw",
        "ssha@example.com, ssha-pw",
        "ssha512@example.com, ssha512-pw",
        "crypt@example.com, crypt-pw",
        "bcrypt@example.com, bcrypt-pw",
        "blf@example.com, blf-pw"})
    void everyPasswordSchemeAcceptsTheRightPassword(String login, String password) {
        assertThat(directory().authenticate(login, password)).map(MailUser::login).contains(login.toLowerCase());
    }

    @ParameterizedTest(name = "{0} is refused {1}")
    @CsvSource({
        "alice@example.com, alice-PW",
        "plain@example.com, 'plain-pw '",
        "ssha@example.com, ssha512-pw",
        "ssha512@example.com, ssha-pw",
        "crypt@example.com, crypt",
        "bcrypt@example.com, blf-pw",
        "blf@example.com, bcrypt-pw",
        "alice@example.com, ''",
        "alice@example.com, {PLAIN}alice-pw"})
    void everyPasswordSchemeRefusesAWrongPassword(String login, String password) {
        assertThat(directory().authenticate(login, password)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"*)(cn=*", "*", "*@example.com", "alice@example.com)(status=invalid",
        "*)(|(cn=*", "alice@example.com\\", "x@*", "x@example.com,dc=control", "a@b,cn=x"})
    void filterAndDnInjectionFindsNothing(String hostile) {
        assertThat(directory().findRecipient(hostile)).isEmpty();
        assertThat(directory().authenticate(hostile, "alice-pw")).isEmpty();
        assertThat(directory().authenticate(hostile, "bob-pw")).isEmpty();
    }

    @Test
    void theDirectoryAnswersAHealthProbe() {
        assertThat(directory().isReachable(java.time.Duration.ofSeconds(5))).isTrue();
    }
}
