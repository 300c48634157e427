package org.yubin.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The RFC 3464 report: its parts, the original headers without the body, untrusted text made safe. */
class DsnMessageTest {

    static final byte[] ORIGINAL = ("Received: from a\r\nSubject: hello\r\nMessage-ID: <m1@example.com>\r\n\r\n"
            + "secret body\r\n").getBytes(StandardCharsets.US_ASCII);

    @Test
    void aFailureReportHasTheThreePartsAndOnlyTheOriginalHeaders() {
        DsnMessage.Report report = new DsnMessage.Report(DsnMessage.Action.FAILED, "bob@remote.test", "team@remote.test",
                "5.1.1", "host mx said: 550 5.1.1 no", "mx.remote.test", "550 5.1.1 no", 0);

        String dsn = new String(DsnMessage.build("mx.example.test", "DSN1", "Q1", "alice@example.com", 0, report, ORIGINAL, 1000),
                StandardCharsets.US_ASCII);

        assertThat(dsn).contains("From: Mail Delivery System <MAILER-DAEMON@mx.example.test>\r\nTo: <alice@example.com>\r\n")
                .contains("Content-Type: multipart/report; report-type=delivery-status;\r\n\tboundary=\"DSN1/mx.example.test\"")
                .contains("Reporting-MTA: dns; mx.example.test\r\n")
                .contains("Final-Recipient: rfc822; bob@remote.test\r\nOriginal-Recipient: rfc822; team@remote.test\r\n"
                        + "Action: failed\r\nStatus: 5.1.1\r\nRemote-MTA: dns; mx.remote.test\r\nDiagnostic-Code: smtp; 550 5.1.1 no\r\n")
                .contains("Content-Type: text/rfc822-headers\r\n\r\nReceived: from a\r\nSubject: hello\r\nMessage-ID: <m1@example.com>\r\n"
                        + "\r\n--DSN1/mx.example.test--\r\n")
                .doesNotContain("secret body");
    }

    @Test
    void controlCharactersFromTheRemoteSideCannotAddHeaderLines() {
        DsnMessage.Report report = new DsnMessage.Report(DsnMessage.Action.DELAYED, "bob@remote.test", null, "4.3.0",
                "busy\r\nX-Injected: yes", "mx.remote.test", "451 busy\r\nX-Injected: yes", 7_200_000);

        String dsn = new String(DsnMessage.build("mx.example.test", "DSN2", "Q2", "alice@example.com", 0, report, ORIGINAL, 3_600_000),
                StandardCharsets.US_ASCII);

        assertThat(dsn).doesNotContain("\nX-Injected").contains("Diagnostic-Code: smtp; 451 busy??X-Injected: yes\r\n")
                .contains("Action: delayed\r\nStatus: 4.3.0\r\n").contains("Will-Retry-Until: ")
                .contains("Your message could not be delivered for 1 hour.");
    }
}
