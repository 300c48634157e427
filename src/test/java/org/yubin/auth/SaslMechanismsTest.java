package org.yubin.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.yubin.testsupport.ScramClient;

/**
 * The mechanisms against the example exchanges of their RFCs (2195, 5802, 7677) and
 * against malformed or hostile input.
 */
class SaslMechanismsTest {

    private final FakeCredentials credentials = new FakeCredentials()
            .with("alice@example.com", "secret")
            .with("tim", "tanstaaftanstaaf")
            .with("user", "pencil");

    @Test
    void plainWithAnEmptyOrEqualAuthzidSucceedsAndAnyOtherAuthzidFails() {
        assertThat(new PlainSasl(credentials).evaluate(bytes("\0alice@example.com\0secret")))
                .isInstanceOfSatisfying(SaslStep.Success.class, s -> assertThat(s.user().login()).isEqualTo("alice@example.com"));
        assertThat(new PlainSasl(credentials).evaluate(bytes("alice@example.com\0alice@example.com\0secret")))
                .isInstanceOf(SaslStep.Success.class);
        assertThat(new PlainSasl(credentials).evaluate(bytes("bob@example.com\0alice@example.com\0secret")))
                .isEqualTo(new SaslStep.Failure("authorization identity differs from the login", "alice@example.com"));
    }

    @Test
    void plainWithoutInitialResponseSendsAnEmptyChallengeThenChecksTheAnswer() {
        PlainSasl plain = new PlainSasl(credentials);
        assertThat(plain.evaluate(null)).isInstanceOfSatisfying(SaslStep.Challenge.class,
                c -> assertThat(c.data()).isEmpty());
        assertThat(plain.evaluate(bytes("\0alice@example.com\0wrong")))
                .isEqualTo(new SaslStep.Failure("authentication failure", "alice@example.com"));
        assertThatThrownBy(() -> plain.evaluate(bytes("x"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void plainRefusesMessagesWithoutTwoNulsOrWithInvalidUtf8() {
        assertThat(new PlainSasl(credentials).evaluate(bytes("alice@example.com secret")))
                .isEqualTo(new SaslStep.Failure("malformed PLAIN message", null));
        assertThat(new PlainSasl(credentials).evaluate(bytes("\0\0\0secret"))).isInstanceOf(SaslStep.Failure.class);
        assertThat(new PlainSasl(credentials).evaluate(new byte[] {0, 'a', 0, (byte) 0xC3}))
                .isInstanceOf(SaslStep.Failure.class);
    }

    @Test
    void loginAsksForUserNameAndPasswordOrTakesTheUserNameAsInitialResponse() {
        LoginSasl login = new LoginSasl(credentials);
        assertThat(text(login.evaluate(null))).isEqualTo("Username:");
        assertThat(text(login.evaluate(bytes("alice@example.com")))).isEqualTo("Password:");
        assertThat(login.evaluate(bytes("secret"))).isInstanceOf(SaslStep.Success.class);

        LoginSasl initial = new LoginSasl(credentials);
        assertThat(text(initial.evaluate(bytes("alice@example.com")))).isEqualTo("Password:");
        assertThat(initial.evaluate(bytes("guess"))).isEqualTo(new SaslStep.Failure("authentication failure", "alice@example.com"));
    }

    @Test
    void cramMd5AcceptsTheExampleOfRfc2195AndRefusesAWrongDigest() {
        String challenge = "<1896.697170952@postoffice.reston.mci.net>";
        CramMd5Sasl cram = CramMd5Sasl.withChallenge(credentials, challenge);
        assertThat(text(cram.evaluate(null))).isEqualTo(challenge);
        assertThat(cram.evaluate(bytes("tim b913a602c7eda7a495b4e6e7334d3890")))
                .isInstanceOfSatisfying(SaslStep.Success.class, s -> assertThat(s.user().login()).isEqualTo("tim"));

        CramMd5Sasl wrong = CramMd5Sasl.withChallenge(credentials, challenge);
        wrong.evaluate(null);
        assertThat(wrong.evaluate(bytes("tim b913a602c7eda7a495b4e6e7334d3891")))
                .isEqualTo(new SaslStep.Failure("authentication failure", "tim"));
    }

    @Test
    void cramMd5ChallengesNameTheHostAndDiffer() {
        String first = text(CramMd5Sasl.forHost(credentials, "mx.example.test").evaluate(null));
        String second = text(CramMd5Sasl.forHost(credentials, "mx.example.test").evaluate(null));
        assertThat(first).matches("<\\d+\\.\\d+@mx\\.example\\.test>").isNotEqualTo(second);
    }

    @Test
    void scramSha1FollowsTheExampleExchangeOfRfc5802() {
        ScramSasl scram = new ScramSasl(ScramSasl.Variant.SHA_1, credentials, "3rfcNHYJY1ZVvWVs7j",
                Base64.getDecoder().decode("QSXCR+Q6sek8bf92"), 4096);
        assertThat(text(scram.evaluate(bytes("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL"))))
                .isEqualTo("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096");
        SaslStep last = scram.evaluate(bytes("c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,"
                + "p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts="));
        assertThat(last).isInstanceOfSatisfying(SaslStep.Success.class, s -> {
            assertThat(s.user().login()).isEqualTo("user");
            assertThat(new String(s.finalData(), StandardCharsets.UTF_8)).isEqualTo("v=rmF9pqV8S7suAoZWja4dJRkFsKQ=");
        });
    }

    @Test
    void scramSha256FollowsTheExampleExchangeOfRfc7677() {
        ScramSasl scram = new ScramSasl(ScramSasl.Variant.SHA_256, credentials, "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0",
                Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);
        assertThat(text(scram.evaluate(bytes("n,,n=user,r=rOprNGfwEbeRWgbNEkqO"))))
                .isEqualTo("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096");
        SaslStep last = scram.evaluate(bytes("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="));
        assertThat(last).isInstanceOfSatisfying(SaslStep.Success.class, s -> assertThat(
                new String(s.finalData(), StandardCharsets.UTF_8)).isEqualTo("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="));
    }

    @Test
    void scramAcceptsYFlagWithItsOwnBindingDataAndAnAuthzidNamingTheUser() {
        for (String header : new String[] {"y,,", "n,a=user,"}) {
            ScramClient client = ScramClient.sha256("user", "pencil", header);
            ScramSasl scram = new ScramSasl(ScramSasl.Variant.SHA_256, credentials);
            String serverFirst = text(scram.evaluate(bytes(client.first())));
            SaslStep last = scram.evaluate(bytes(client.last(serverFirst)));
            assertThat(last).as(header).isInstanceOfSatisfying(SaslStep.Success.class,
                    s -> assertThat(client.verifies(new String(s.finalData(), StandardCharsets.UTF_8))).isTrue());
        }
    }

    @Test
    void scramRefusesChannelBindingOtherAuthzidsWrongProofsAndTamperedNonces() {
        assertThat(new ScramSasl(ScramSasl.Variant.SHA_1, credentials).evaluate(bytes("p=tls-unique,,n=user,r=abc")))
                .isEqualTo(new SaslStep.Failure("channel binding is not supported", null));
        assertThat(new ScramSasl(ScramSasl.Variant.SHA_1, credentials).evaluate(bytes("n,a=admin,n=user,r=abc")))
                .isInstanceOf(SaslStep.Failure.class);

        ScramClient wrongPassword = ScramClient.sha256("user", "crayon", "n,,");
        ScramSasl scram = new ScramSasl(ScramSasl.Variant.SHA_256, credentials);
        String serverFirst = text(scram.evaluate(bytes(wrongPassword.first())));
        assertThat(scram.evaluate(bytes(wrongPassword.last(serverFirst))))
                .isEqualTo(new SaslStep.Failure("authentication failure", "user"));

        ScramClient client = ScramClient.sha256("user", "pencil", "n,,");
        ScramSasl tampered = new ScramSasl(ScramSasl.Variant.SHA_256, credentials);
        String first = text(tampered.evaluate(bytes(client.first())));
        String last = client.last(first).replace(",r=", ",r=x");
        assertThat(tampered.evaluate(bytes(last))).isEqualTo(new SaslStep.Failure("nonce does not match", "user"));
    }

    @Test
    void scramForAnUnknownUserLooksLikeAnyOtherUntilTheProofFails() {
        ScramClient client = ScramClient.sha1("nobody", "pencil", "n,,");
        ScramSasl scram = new ScramSasl(ScramSasl.Variant.SHA_1, credentials);
        String serverFirst = text(scram.evaluate(bytes(client.first())));
        assertThat(serverFirst).matches("r=[^,]+,s=[A-Za-z0-9+/=]+,i=4096");
        assertThat(scram.evaluate(bytes(client.last(serverFirst))))
                .isEqualTo(new SaslStep.Failure("authentication failure", "nobody"));
    }

    @Test
    void saslPrepMapsNonAsciiSpacesAndDropsSoftHyphens() {
        assertThat(ScramSasl.saslPrep("I\u00ADX")).isEqualTo("IX");
        assertThat(ScramSasl.saslPrep("a\u00A0b")).isEqualTo("a b");
        assertThat(ScramSasl.saslPrep("\u2168")).isEqualTo("IX");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(SaslStep step) {
        assertThat(step).isInstanceOf(SaslStep.Challenge.class);
        return new String(((SaslStep.Challenge) step).data(), StandardCharsets.UTF_8);
    }
}
