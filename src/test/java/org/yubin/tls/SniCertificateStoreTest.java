package org.yubin.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yubin.testsupport.LogCapture;
import org.yubin.tls.TestCertificates.KeyKind;

class SniCertificateStoreTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-03T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void theSniNameChoosesTheCertificateAndAnUnknownOrMissingNameGetsTheFirst() {
        TestCertificates.Pair a = TestCertificates.create(dir, "a", "a.example.test", KeyKind.RSA_PKCS8);
        TestCertificates.Pair b = TestCertificates.create(dir, "b", "mail.b.example.test", KeyKind.EC_TRADITIONAL);
        try (SniCertificateStore store = SniCertificateStore.create(List.of(
                new CertificateSource(List.of("a.example.test"), a.cert(), a.key()),
                new CertificateSource(List.of("b.example.test", "*.b.example.test"), b.cert(), b.key())),
                dir, "ignored.example.test", Duration.ZERO, CLOCK)) {
            SniCertificateStore.Snapshot certificates = store.snapshot();

            assertThat(cn(certificates.select("A.Example.Test."))).isEqualTo("CN=a.example.test");
            assertThat(cn(certificates.select("b.example.test"))).isEqualTo("CN=mail.b.example.test");
            assertThat(cn(certificates.select("imap.b.example.test"))).isEqualTo("CN=mail.b.example.test");
            assertThat(cn(certificates.select("x.imap.b.example.test"))).isEqualTo("CN=a.example.test");
            assertThat(cn(certificates.select("unknown.test"))).isEqualTo("CN=a.example.test");
            assertThat(cn(certificates.select(null))).isEqualTo("CN=a.example.test");
        }
        assertThat(dir.resolve("tls")).doesNotExist();
    }

    @Test
    void aReplacedCertificateIsServedAfterTheNextLookAndOldAliasesStillResolve() throws Exception {
        TestCertificates.Pair first = TestCertificates.create(dir, "first", "a.example.test", KeyKind.EC_PKCS8, "/O=v1");
        TestCertificates.Pair second = TestCertificates.create(dir, "second", "a.example.test", KeyKind.RSA_TRADITIONAL,
                "/O=v2");
        Path cert = dir.resolve("live.crt");
        Path key = dir.resolve("live.key");
        TestCertificates.copy(first.cert(), cert);
        TestCertificates.copy(first.key(), key);
        try (SniCertificateStore store = SniCertificateStore.create(
                List.of(new CertificateSource(List.of("a.example.test"), cert, key)), dir, "x", Duration.ZERO, CLOCK)) {
            String oldAlias = store.snapshot().alias(store.snapshot().select("a.example.test"));
            store.reloadIfChanged();
            assertThat(store.snapshot().select(null).leaf().getSubjectX500Principal().getName()).contains("O=v1");

            TestCertificates.copy(second.key(), key);
            TestCertificates.copy(second.cert(), cert);
            store.reloadIfChanged();

            CertifiedKey now = store.snapshot().select("a.example.test");
            assertThat(now.leaf().getSubjectX500Principal().getName()).contains("O=v2");
            assertThat(now.keyType()).isEqualTo("RSA");
            assertThat(store.byAlias(oldAlias).keyType()).as("a handshake that chose before the swap").isEqualTo("EC");
        }
    }

    @Test
    void aBrokenReplacementKeepsThePreviousCertificateAndIsLoggedOnce() throws Exception {
        TestCertificates.Pair pair = TestCertificates.create(dir, "a", "a.example.test", KeyKind.EC_PKCS8);
        try (LogCapture log = LogCapture.of(SniCertificateStore.class);
             SniCertificateStore store = SniCertificateStore.create(
                     List.of(new CertificateSource(List.of("a.example.test"), pair.cert(), pair.key())),
                     dir, "x", Duration.ZERO, CLOCK)) {
            CertifiedKey before = store.snapshot().select(null);

            Files.writeString(pair.cert(), "-----BEGIN CERTIFICATE-----\ntruncated");
            store.reloadIfChanged();
            store.reloadIfChanged();

            assertThat(store.snapshot().select(null)).isSameAs(before);
            assertThat(log.lines().lines().filter(line -> line.contains("keeping the previous certificate")))
                    .singleElement().asString().contains("[a.example.test]", pair.cert().toString());
        }
    }

    @Test
    void anUnusableFileAtStartStopsTheStartWithItsName() {
        TestCertificates.Pair pair = TestCertificates.create(dir, "a", "a.example.test", KeyKind.EC_PKCS8);
        Path missing = dir.resolve("missing.crt");

        assertThatThrownBy(() -> SniCertificateStore.create(
                List.of(new CertificateSource(List.of("a.example.test"), missing, pair.key())), dir, "x",
                Duration.ZERO, CLOCK))
                .isInstanceOf(InvalidKeyMaterialException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void withoutCertificatesASelfSignedOneIsGeneratedOnceIntoTheDataDirAndReused() throws Exception {
        CertifiedKey first;
        try (SniCertificateStore store = SniCertificateStore.create(List.of(), dir, "mx.example.test",
                Duration.ofMillis(10), CLOCK)) {
            first = store.snapshot().select("anything.test");
        }
        Path cert = dir.resolve("tls/selfsigned.crt");
        Path key = dir.resolve("tls/selfsigned.key");
        assertThat(first.leaf().getSubjectX500Principal().getName()).isEqualTo("CN=mx.example.test");
        assertThat(first.leaf().getSubjectAlternativeNames()).containsExactly(List.of(2, "mx.example.test"));
        assertThat(Files.getPosixFilePermissions(key))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        FileTime written = Files.getLastModifiedTime(cert);

        try (SniCertificateStore again = SniCertificateStore.create(List.of(), dir, "mx.example.test",
                Duration.ZERO, CLOCK)) {
            assertThat(again.snapshot().select(null).leaf()).isEqualTo(first.leaf());
            assertThat(again.snapshot().select(null).key()).isEqualTo(first.key());
        }
        assertThat(Files.getLastModifiedTime(cert)).isEqualTo(written);

        try (SniCertificateStore renamed = SniCertificateStore.create(List.of(), dir, "new.example.test",
                Duration.ZERO, CLOCK)) {
            assertThat(renamed.snapshot().select(null).leaf().getSubjectX500Principal().getName())
                    .isEqualTo("CN=new.example.test");
        }
    }

    private static String cn(CertifiedKey key) {
        return key.leaf().getSubjectX500Principal().getName();
    }
}
