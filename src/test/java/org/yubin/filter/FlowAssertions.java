package org.yubin.filter;


import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.yubin.testsupport.SmtpTestClient;
import org.yubin.testsupport.TestMailSystem;

/** Sending through a running server and finding what it delivered, for the filter flow tests. */
final class FlowAssertions {

    private FlowAssertions() {
    }

    /** One transaction from sender@remote.test to {@code to}; returns the reply to the end of DATA. */
    static String send(int port, String to, byte[] message) throws IOException {
        try (SmtpTestClient smtp = new SmtpTestClient(port)) {
            smtp.reply();
            smtp.command("EHLO client.remote.test");
            String reply = smtp.send("sender@remote.test", to, message);
            smtp.command("QUIT");
            return reply;
        }
    }

    /** As {@link #send}, logged in as {@code login} (AUTH PLAIN) and sending as that address. */
    static String sendAuthenticated(int port, String login, String to, byte[] message) throws IOException {
        try (SmtpTestClient smtp = new SmtpTestClient(port)) {
            smtp.reply();
            smtp.command("EHLO client.remote.test");
            String credentials = Base64.getEncoder().encodeToString(
                    ("\0" + login + "\0" + TestMailSystem.PASSWORD).getBytes(StandardCharsets.UTF_8));
            String auth = smtp.command("AUTH PLAIN " + credentials);
            if (!auth.startsWith("235")) {
                return auth;
            }
            String reply = smtp.send(login, to, message);
            smtp.command("QUIT");
            return reply;
        }
    }

    /** The one message in {@code user}'s Maildir that contains {@code marker}, waiting up to 15 s for it. */
    static String delivered(TestMailSystem mail, String user, String marker) throws InterruptedException {
        return mail.onlyMessageContaining(user, marker);
    }

    /** The messages now in {@code user}'s Maildir that contain {@code marker}. */
    static List<String> messagesContaining(TestMailSystem mail, String user, String marker) {
        return mail.messagesContaining(user, marker);
    }
}
