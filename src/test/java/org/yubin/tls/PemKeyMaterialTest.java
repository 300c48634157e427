package org.yubin.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.yubin.tls.TestCertificates.KeyKind;

class PemKeyMaterialTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(KeyKind.class)
    void rsaAndEcKeysInPkcs8AndTraditionalPemAreRead(KeyKind kind) {
        TestCertificates.Pair pair = TestCertificates.create(dir, "host", "mail.example.test", kind);

        CertifiedKey key = PemKeyMaterial.load(List.of("Mail.Example.Test."), pair.cert(), pair.key());

        assertThat(key.keyType()).isEqualTo(kind.name().startsWith("RSA") ? "RSA" : "EC");
        assertThat(key.hostnames()).containsExactly("mail.example.test");
        assertThat(key.leaf().getSubjectX500Principal().getName()).isEqualTo("CN=mail.example.test");
    }

    @Test
    void aChainFileKeepsItsIntermediatesInOrder() throws Exception {
        TestCertificates.Pair leaf = TestCertificates.create(dir, "leaf", "a.example.test", KeyKind.EC_PKCS8);
        TestCertificates.Pair other = TestCertificates.create(dir, "other", "ca.example.test", KeyKind.EC_PKCS8);
        Path chain = dir.resolve("chain.pem");
        Files.writeString(chain, Files.readString(leaf.cert()) + Files.readString(other.cert()));

        CertifiedKey key = PemKeyMaterial.load(List.of("a.example.test"), chain, leaf.key());

        assertThat(key.chain()).hasSize(2);
        assertThat(key.chain().get(1).getSubjectX500Principal().getName()).isEqualTo("CN=ca.example.test");
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() {
        TestCertificates.Pair first = TestCertificates.create(dir, "first", "a.example.test", KeyKind.EC_PKCS8);
        TestCertificates.Pair second = TestCertificates.create(dir, "second", "b.example.test", KeyKind.EC_PKCS8);

        assertThatThrownBy(() -> PemKeyMaterial.load(List.of("a.example.test"), first.cert(), second.key()))
                .isInstanceOf(InvalidKeyMaterialException.class)
                .hasMessageContaining(second.key().toString())
                .hasMessageContaining("does not match");
    }

    @Test
    void anEncryptedKeyIsRefusedWithAMessageSayingSo() {
        TestCertificates.Pair pair = TestCertificates.create(dir, "host", "a.example.test", KeyKind.RSA_PKCS8);
        Path encrypted = dir.resolve("encrypted.key");
        TestCertificates.run(List.of("openssl", "pkcs8", "-topk8", "-in", pair.key().toString(),
                "-out", encrypted.toString(), "-passout", "pass:secret"));

        assertThatThrownBy(() -> PemKeyMaterial.load(List.of("a.example.test"), pair.cert(), encrypted))
                .isInstanceOf(InvalidKeyMaterialException.class)
                .hasMessageContaining("encrypted private keys are not supported");
    }

    @Test
    void filesWithoutPemContentOrMissingFilesNameTheFile() throws Exception {
        TestCertificates.Pair pair = TestCertificates.create(dir, "host", "a.example.test", KeyKind.EC_PKCS8);
        Path garbage = Files.writeString(dir.resolve("garbage.crt"), "not a certificate\n");

        assertThatThrownBy(() -> PemKeyMaterial.load(List.of("a"), garbage, pair.key()))
                .isInstanceOf(InvalidKeyMaterialException.class)
                .hasMessage(garbage + ": no PEM certificate found");
        assertThatThrownBy(() -> PemKeyMaterial.load(List.of("a"), pair.cert(), dir.resolve("missing.key")))
                .isInstanceOf(InvalidKeyMaterialException.class)
                .hasMessageStartingWith(dir.resolve("missing.key") + ": unreadable private key");
    }
}
