package org.yubin.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yubin.directory.Directory;
import org.yubin.directory.MailUser;

/**
 * {@code yubin user} verbs, the same against the embedded LDIF file and an external
 * slapd: subclasses provide the settings and a fresh view of the directory.
 */
abstract class UserCommandContractTest {

    abstract CliRunner cli();

    /** The directory as the server would see it now (a fresh load for the LDIF file). */
    abstract Directory directory() throws Exception;

    @Test
    void addCreatesAUserWhoCanLogInAndReceive() throws Exception {
        var r = cli().run("user", "add", "New.User@Example.com", "--password", "s3cret", "--uid", "5010", "--gid", "5011");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("added new.user@example.com\n");
        Optional<MailUser> user = directory().authenticate("new.user@example.com", "s3cret");
        assertThat(user).isPresent();
        assertThat(user.get().home().toString()).endsWith("mail/example.com/new.user");
        assertThat(user.get().uid()).isEqualTo(5010);
        assertThat(user.get().gid()).isEqualTo(5011);
        assertThat(directory().findRecipient("new.user@example.com")).isPresent();
    }

    @Test
    void addReadsThePasswordFromStandardInputAndCreatesAMissingDomain() throws Exception {
        var r = cli().runWithInput("piped-pw\n", "user", "add", "zed@fresh.example", "--home", "/srv/mail/zed", "--scheme", "BLF-CRYPT");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(directory().domains()).contains("fresh.example");
        MailUser zed = directory().authenticate("zed@fresh.example", "piped-pw").orElseThrow();
        assertThat(zed.home().toString()).isEqualTo("/srv/mail/zed");
    }

    @Test
    void passwdReplacesThePassword() throws Exception {
        assertThat(cli().run("user", "add", "pw@example.com", "--password", "old").exitCode()).isZero();
        var r = cli().runWithInput("new-one\n", "user", "passwd", "pw@example.com");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(directory().authenticate("pw@example.com", "old")).isEmpty();
        assertThat(directory().authenticate("pw@example.com", "new-one")).isPresent();
    }

    @Test
    void disableAndEnableSwitchTheUserOffAndOn() throws Exception {
        assertThat(cli().run("user", "add", "sw@example.com", "--password", "pw").exitCode()).isZero();
        assertThat(cli().run("user", "disable", "sw@example.com").out()).isEqualTo("sw@example.com is invalid\n");
        assertThat(directory().findRecipient("sw@example.com")).isEmpty();
        assertThat(directory().authenticate("sw@example.com", "pw")).isEmpty();
        assertThat(cli().run("user", "list", "example.com").out()).contains("sw@example.com\tinvalid\t");
        assertThat(cli().run("user", "enable", "sw@example.com").exitCode()).isZero();
        assertThat(directory().authenticate("sw@example.com", "pw")).isPresent();
    }

    @Test
    void delRemovesTheUser() throws Exception {
        assertThat(cli().run("user", "add", "gone@example.com", "--password", "pw").exitCode()).isZero();
        assertThat(cli().run("user", "del", "gone@example.com").exitCode()).isZero();
        assertThat(directory().findRecipient("gone@example.com")).isEmpty();
        assertThat(cli().run("user", "list").out()).doesNotContain("gone@example.com");
    }

    @Test
    void listPrintsUsersSortedOptionallyOfOneDomain() {
        assertThat(cli().run("user", "add", "aaa@example.org", "--password", "pw").exitCode()).isZero();
        String all = cli().run("user", "list").out();
        assertThat(all).contains("aaa@example.org\tvalid\tmail/example.org/aaa\t5000:5000\n");
        assertThat(all.lines().sorted().toList()).isEqualTo(all.lines().toList());
        String org = cli().run("user", "list", "EXAMPLE.ORG").out();
        assertThat(org.lines()).isNotEmpty().allMatch(l -> l.startsWith("aaa@example.org\t") || l.contains("@example.org\t"));
        assertThat(org).doesNotContain("@example.com");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "user add not-an-address --password x | yubin: user add: bad address 'not-an-address'",
        "user add a@b@example.com --password x | yubin: user add: bad address",
        "user add *)(cn=*@example.com --password x | yubin: user add: bad address",
        "user add x@example.com --password '' | yubin: user add: empty password",
        "user add x@example.com | yubin: user add: no password",
        "user add x@example.com --password p --uid 0 | yubin: user add: --uid must be a positive number",
        "user add x@example.com --password p --gid abc | yubin: user add: --gid must be a positive number",
        "user add x@example.com --password p --scheme MD5 | yubin: user add: unknown password scheme MD5",
        "user add x@example.com --password p --shell /bin/sh | yubin: user add: unknown option --shell",
        "user add x@example.com --password | yubin: user add: --password needs a value",
        "user add | yubin: user add: missing ADDRESS",
        "user passwd nobody@example.com --password p | yubin: user passwd: no such user nobody@example.com",
        "user del nobody@example.com | yubin: user del: no such user nobody@example.com",
        "user enable a@example.com b@example.com | yubin: user enable: unexpected argument",
        "user frobnicate | yubin: user: unknown sub-command 'frobnicate'",
        "user | yubin: user: missing sub-command",
        "user list bad_domain | yubin: user list: bad domain",
        "nosuchverb | yubin: unknown command 'nosuchverb'"})
    void badInputExitsNonZeroWithOneLine(String commandLine, String expected) {
        String[] args = commandLine.replace("''", "\u0000").split(" ");
        for (int i = 0; i < args.length; i++) {
            args[i] = args[i].replace("\u0000", "");
        }
        var r = cli().run(args);
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith(expected).endsWith("\n");
        assertThat(r.err().lines()).hasSize(1);
    }

    @Test
    void addingAUserTwiceIsRefused() {
        assertThat(cli().run("user", "add", "twice@example.com", "--password", "pw").exitCode()).isZero();
        var r = cli().run("user", "add", "TWICE@example.com", "--password", "pw");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("yubin: user add: twice@example.com already exists\n");
    }
}
