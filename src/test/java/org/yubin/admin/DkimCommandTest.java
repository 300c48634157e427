package org.yubin.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yubin.config.YubinProperties;
import org.yubin.filter.dkim.DkimKeys;

/** {@code yubin dkim keygen}: the files it writes, the record it prints, and what it refuses. */
class DkimCommandTest {

    @TempDir
    Path dataDir;

    private CliRunner cli() {
        YubinProperties properties = new YubinProperties();
        properties.setDataDir(dataDir);
        return new CliRunner(properties);
    }

    @Test
    void keygenWritesAPrivateRsaKeyAndPrintsItsRecordInStringsOf255Bytes() throws Exception {
        CliRunner.Result result = cli().run("dkim", "keygen", "Example.COM");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("mx0._domainkey.example.com. IN TXT \"v=DKIM1; k=rsa; p=MIIB")
                .matches("(?s)[^\"]+(\"[^\"]{1,255}\" ?){2,}\n");
        Path key = dataDir.resolve("dkim/example.com/mx0.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        PrivateKey read = DkimKeys.read(key);
        assertThat(read.getAlgorithm()).isEqualTo("RSA");
        assertThat(Files.readString(dataDir.resolve("dkim/example.com/mx0.txt"))).isEqualTo(result.out());
    }

    @Test
    void keygenMakesAnEd25519KeyWhoseRecordCarriesTheRaw32ByteKey() throws Exception {
        CliRunner.Result result = cli().run("dkim", "keygen", "example.com", "--selector", "ed2026", "--type", "ed25519");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).matches("ed2026\\._domainkey\\.example\\.com\\. IN TXT \"v=DKIM1; k=ed25519; p=[A-Za-z0-9+/]{43}=\"\n");
        assertThat(DkimKeys.read(dataDir.resolve("dkim/example.com/ed2026.key")).getAlgorithm()).isIn("Ed25519", "EdDSA");
    }

    @Test
    void keygenRefusesToReplaceAKeyUnlessForced() throws Exception {
        assertThat(cli().run("dkim", "keygen", "example.com").exitCode()).isZero();
        String first = Files.readString(dataDir.resolve("dkim/example.com/mx0.key"));
        CliRunner.Result again = cli().run("dkim", "keygen", "example.com");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).startsWith("yubin: dkim keygen: example.com already has a key for selector mx0")
                .endsWith("--force replaces it\n");
        assertThat(cli().run("dkim", "keygen", "example.com", "--force").exitCode()).isZero();
        assertThat(Files.readString(dataDir.resolve("dkim/example.com/mx0.key"))).isNotEqualTo(first);
    }

    @Test
    void badInputGetsOneLineAndExitStatus2() {
        assertThat(cli().run("dkim", "keygen", "../etc").err()).isEqualTo("yubin: dkim keygen: bad domain '../etc'\n");
        assertThat(cli().run("dkim", "keygen", "example.com", "--type", "dsa").exitCode()).isEqualTo(2);
        assertThat(cli().run("dkim", "keygen", "example.com", "--selector", "a/b").err())
                .startsWith("yubin: dkim keygen: bad selector 'a/b'");
        assertThat(cli().run("dkim", "keygen").err()).isEqualTo("yubin: dkim keygen: missing DOMAIN\n");
        assertThat(cli().run("dkim", "rotate").exitCode()).isEqualTo(2);
        assertThat(dataDir.resolve("dkim")).doesNotExist();
    }
}
