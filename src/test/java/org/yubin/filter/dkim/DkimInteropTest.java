package org.yubin.filter.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.yubin.config.YubinProperties;
import org.yubin.delivery.remote.TestDnsServer;

/**
 * yubin's signer against python3-dkim's verifier, and python3-dkim's signer against
 * yubin's verifier with the key served by a DNS server the test runs; rsa-sha256 and
 * ed25519-sha256, relaxed and simple canonicalization.
 */
class DkimInteropTest {

    private static final byte[] MESSAGE = ("Received: from client.test by mx.example.com\r\n"
            + "From: Alice <alice@example.com>\r\n"
            + "To: bob@example.org\r\n"
            + "Subject:   a  test\t message\r\n"
            + "Date: Sat, 28 Nov 2026 10:00:00 +0000\r\n"
            + "Message-ID: <dkim-test@example.com>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "\r\n"
            + "Hello Bob,  \r\n"
            + "\twith\ttabs and trailing space \r\n"
            + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);

    private static final KeyPair RSA = generate(DkimAlgorithm.RSA_SHA256);
    private static final KeyPair ED25519 = generate(DkimAlgorithm.ED25519_SHA256);
    private static final TestDnsServer DNS = new TestDnsServer()
            .txt("rsa1._domainkey.example.com", strings(DkimKeys.recordValue(DkimAlgorithm.RSA_SHA256, RSA.getPublic())))
            .txt("ed1._domainkey.example.com",
                    strings(DkimKeys.recordValue(DkimAlgorithm.ED25519_SHA256, ED25519.getPublic())))
            .txt("revoked._domainkey.example.com", List.of("v=DKIM1; k=rsa; p="))
            .servfail("broken._domainkey.example.com");
    private static final DkimVerifier VERIFIER = new DkimVerifier(
            new DnsKeyLookup(List.of(DNS.address()), Duration.ofSeconds(2)), 5, Clock.systemUTC());

    @AfterAll
    static void stopDns() throws Exception {
        DNS.close();
    }

    @Test
    void messagesYubinSignsWithRsaAndEd25519VerifyInPythonDkimWithEitherCanonicalization() throws Exception {
        for (KeyPair pair : List.of(RSA, ED25519)) {
            DkimAlgorithm algorithm = DkimAlgorithm.forKey(pair.getPrivate());
            String record = DkimKeys.recordValue(algorithm, pair.getPublic());
            for (Canonicalization c : Canonicalization.values()) {
                byte[] signed = signer(pair, "sel", c).sign(MESSAGE);
                assertThat(PythonDkim.verify(signed, record)).as(algorithm + " " + c).isEqualTo("pass");
                byte[] tampered = new String(signed, StandardCharsets.ISO_8859_1).replace("Hello Bob", "Hello Eve")
                        .getBytes(StandardCharsets.ISO_8859_1);
                assertThat(PythonDkim.verify(tampered, record)).as(algorithm + " " + c + " tampered").startsWith("fail");
            }
        }
    }

    @Test
    void yubinSignsEachListedFieldItCarriesAndFromOnceMore() throws Exception {
        String field = signer(RSA, "sel", Canonicalization.RELAXED).signatureField(MESSAGE);
        String h = TagList.parse(ParsedMessage.valueOf(field)).compact("h").orElseThrow();
        assertThat(h).isEqualTo("From:From:To:Subject:Date:Message-ID:MIME-Version:Content-Type");
        assertThat(field).startsWith("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=sel;");
        assertThat(field.split("\r\n")).allMatch(line -> line.length() <= 78);
    }

    @Test
    void messagesPythonDkimSignsWithRsaAndEd25519PassInYubin() throws Exception {
        for (String canonicalization : List.of("relaxed/relaxed", "simple/simple", "relaxed/simple")) {
            byte[] rsa = PythonDkim.sign(MESSAGE, "example.com", "rsa1", RSA.getPrivate(), canonicalization);
            assertThat(resinfos(rsa)).as(canonicalization).singleElement().asString()
                    .startsWith("pass header.d=example.com header.s=rsa1 header.b=");
            byte[] ed25519 = PythonDkim.sign(MESSAGE, "example.com", "ed1", ED25519.getPrivate(), canonicalization);
            assertThat(resinfos(ed25519)).as(canonicalization).singleElement().asString()
                    .startsWith("pass header.d=example.com header.s=ed1 header.b=");
        }
    }

    @Test
    void aTamperedBodyFailsWithBodyHashMismatchAndATamperedSubjectFailsTheSignature() throws Exception {
        String signed = new String(PythonDkim.sign(MESSAGE, "example.com", "ed1", ED25519.getPrivate(), "relaxed/relaxed"),
                StandardCharsets.ISO_8859_1);
        assertThat(resinfos(bytes(signed.replace("Hello Bob", "Hello Eve")))).singleElement().asString()
                .startsWith("fail header.d=example.com header.s=ed1 header.b=").endsWith("(body hash mismatch)");
        assertThat(resinfos(bytes(signed.replace("a  test", "the test")))).singleElement().asString()
                .endsWith("(signature verification failed)");
    }

    @Test
    void aSignatureSurvivesWhatRelaxedIgnoresButNotWhatSimpleKeeps() throws Exception {
        String relaxed = new String(signer(RSA, "rsa1", Canonicalization.RELAXED).sign(MESSAGE), StandardCharsets.ISO_8859_1);
        assertThat(resinfos(bytes(relaxed.replace("Subject:   a  test", "subject: a test")))).singleElement()
                .asString().startsWith("pass ");
        String simple = new String(signer(RSA, "rsa1", Canonicalization.SIMPLE).sign(MESSAGE), StandardCharsets.ISO_8859_1);
        assertThat(resinfos(bytes(simple.replace("Subject:   a  test", "subject: a test")))).singleElement()
                .asString().startsWith("fail ");
    }

    @Test
    void missingRevokedAndUnreachableKeysAreErrorsAndAnUnsignedMessageHasNoResult() throws Exception {
        assertThat(resinfos(signer(RSA, "nokey", Canonicalization.RELAXED).sign(MESSAGE))).singleElement().asString()
                .startsWith("permerror header.d=example.com header.s=nokey").endsWith("(no key for signature)");
        assertThat(resinfos(signer(RSA, "revoked", Canonicalization.RELAXED).sign(MESSAGE))).singleElement().asString()
                .endsWith("(key revoked)");
        assertThat(resinfos(signer(RSA, "broken", Canonicalization.RELAXED).sign(MESSAGE))).singleElement().asString()
                .startsWith("temperror header.d=example.com header.s=broken");
        assertThat(resinfos(signer(ED25519, "rsa1", Canonicalization.RELAXED).sign(MESSAGE))).singleElement().asString()
                .startsWith("permerror").contains("key type does not match");
        assertThat(VERIFIER.verify(MESSAGE)).isEmpty();
    }

    @Test
    void aMalformedSignatureIsAPermanentErrorAndAtMostTheLimitIsVerified() throws Exception {
        assertThat(resinfos(bytes("DKIM-Signature: v=1; a=rsa-sha256; d=example.com\r\n" + text(MESSAGE))))
                .containsExactly("permerror header.d=example.com (missing tag b=)");
        byte[] signed = MESSAGE;
        for (int i = 0; i < 7; i++) {
            signed = signer(ED25519, "ed1", Canonicalization.RELAXED).sign(signed);
        }
        assertThat(resinfos(signed)).hasSize(5).allMatch(r -> r.startsWith("pass "));
    }

    private static List<String> resinfos(byte[] message) {
        return VERIFIER.verify(message).stream().map(DkimResult::resinfo).toList();
    }

    private static DkimSigner signer(KeyPair pair, String selector, Canonicalization c) {
        return new DkimSigner("example.com", selector, pair.getPrivate(), c, c,
                new YubinProperties().getDkim().getHeaders(), Clock.systemUTC());
    }

    private static List<String> strings(String value) {
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < value.length(); i += 255) {
            strings.add(value.substring(i, Math.min(i + 255, value.length())));
        }
        return strings;
    }

    private static KeyPair generate(DkimAlgorithm algorithm) {
        try {
            return DkimKeys.generate(algorithm);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
