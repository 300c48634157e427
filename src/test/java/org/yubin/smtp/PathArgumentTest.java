package org.yubin.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Addresses in MAIL FROM / RCPT TO: the plain ones take a shortcut, the rest the RFC 5321 patterns. */
class PathArgumentTest {

    private static final SmtpReply MISSING = new SmtpReply(501, "5.5.4", "missing");
    private static final SmtpReply BAD = new SmtpReply(501, "5.1.7", "bad address");

    // the local part is taken as leniently as Postfix does (strict_rfc821_envelopes = no): dots anywhere
    @ParameterizedTest
    @ValueSource(strings = {"user@example.com", "first.last+tag@mail.example.com", ".user@example.com", "us..er@example.com", "o'brien@example.com",
            "a!#$%&'*+-/=?^_`{|}~z@example.com", "x@a-b.example", "\"two words\"@example.com",
            "\"quoted\\\"quote\"@example.com", "user@[192.0.2.1]", "user@example.com.", "ユーザー@例え.jp"})
    void aValidAddressIsAccepted(String address) {
        PathArgument path = PathArgument.parse("TO:<" + address + "> NOTIFY=NEVER", "TO", MISSING, BAD);

        assertThat(path.address()).isEqualTo(address);
        assertThat(path.params()).containsEntry("NOTIFY", "NEVER");
    }

    @ParameterizedTest
    @ValueSource(strings = {"user@.example.com",
            "user@example..com", "us er@example.com", "user@exa mple.com", "user@ex,ample.com", "us(er@example.com",
            "user@", "@example.com", "user@example.com..", "us\u0001er@example.com"})
    void aMalformedAddressIsRefused(String address) {
        assertThatThrownBy(() -> PathArgument.parse("TO:<" + address + ">", "TO", MISSING, BAD))
                .isInstanceOf(SmtpRejectException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"FROM:<a@example.com>  SIZE=100   BODY=8BITMIME", "FROM: <a@example.com> SIZE=100 BODY=8BITMIME"})
    void parametersMaySitBehindSeveralSpaces(String argument) {
        PathArgument path = PathArgument.parse(argument, "FROM", MISSING, BAD);

        assertThat(path.params()).containsEntry("SIZE", "100").containsEntry("BODY", "8BITMIME");
    }
}
