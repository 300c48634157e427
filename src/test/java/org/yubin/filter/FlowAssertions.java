package org.yubin.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    static String delivered(TestMailSystem mail, String user, String marker) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            List<String> matches = messagesContaining(mail, user, marker);
            if (!matches.isEmpty() || System.nanoTime() > deadline) {
                assertThat(matches).as("messages with " + marker).hasSize(1);
                return matches.get(0);
            }
            Thread.sleep(50);
        }
    }

    /** The messages now in {@code user}'s Maildir that contain {@code marker}. */
    static List<String> messagesContaining(TestMailSystem mail, String user, String marker) {
        return mail.messages(user).stream().map(FlowAssertions::read).filter(text -> text.contains(marker)).toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }
}
