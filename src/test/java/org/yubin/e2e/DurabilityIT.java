package org.yubin.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.yubin.testsupport.SmtpTestClient;
import org.yubin.testsupport.Temp;
import org.yubin.testsupport.TestMailSystem;

/**
 * Nothing acknowledged is lost and nothing is delivered twice across {@code kill -9}:
 * 2000 messages over 8 connections, the server killed half way, restarted; every
 * message that got {@code 250} must be in a Maildir exactly once (by Message-ID),
 * and no other message more than once.
 */
class DurabilityIT {

    private static final int MESSAGES = 2000;
    private static final int CONNECTIONS = 8;
    private static final Pattern MESSAGE_ID = Pattern.compile("(?m)^Message-ID: <([^>]+)>");

    @Test
    void everyAcknowledgedMessageIsDeliveredExactlyOnceAfterKillMinus9() throws Exception {
        List<String> users = IntStream.rangeClosed(1, CONNECTIONS).mapToObj(i -> "user" + i).toList();
        TestMailSystem mail = new TestMailSystem(Temp.dir("durability"), users, List.of(), "");
        Path log = mail.root().resolve("yubin.log");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger sent = new AtomicInteger();

        try (YubinProcess first = YubinProcess.start(mail, log)) {
            ExecutorService clients = Executors.newFixedThreadPool(CONNECTIONS);
            for (int c = 0; c < CONNECTIONS; c++) {
                String user = users.get(c);
                int connection = c;
                clients.submit(() -> sendUntilBroken(mail.smtpPort(), user, connection, acknowledged, sent));
            }
            while (acknowledged.size() < MESSAGES / 2) {
                Thread.sleep(5);
            }
            first.kill();
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(acknowledged.size()).isBetween(MESSAGES / 2, MESSAGES - 1);

        try (YubinProcess second = YubinProcess.start(mail, log)) {
            Map<String, Integer> delivered = Map.of();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline) {
                delivered = deliveredMessageIds(mail, users);
                if (delivered.keySet().containsAll(acknowledged)) {
                    break;
                }
                Thread.sleep(200);
            }
            Thread.sleep(2000);
            delivered = deliveredMessageIds(mail, users);
            Set<String> missing = new java.util.HashSet<>(acknowledged);
            missing.removeAll(delivered.keySet());
            assertThat(missing).as("acknowledged but not delivered").isEmpty();
            List<String> twice = new ArrayList<>();
            delivered.forEach((id, count) -> {
                if (count > 1) {
                    twice.add(id);
                }
            });
            assertThat(twice).as("delivered more than once").isEmpty();
        }
    }

    private static void sendUntilBroken(int port, String user, int connection, Set<String> acknowledged,
                                        AtomicInteger sent) {
        try (SmtpTestClient smtp = new SmtpTestClient(port)) {
            smtp.reply();
            smtp.command("EHLO load.example.test");
            for (int i = 0; i < MESSAGES / CONNECTIONS; i++) {
                String id = "m" + connection + "." + i + "@load.example.test";
                byte[] message = ("From: load@example.test\r\nTo: " + user + "@example.com\r\nSubject: " + i
                        + "\r\nMessage-ID: <" + id + ">\r\n\r\n" + "body line\r\n".repeat(40))
                        .getBytes(StandardCharsets.US_ASCII);
                sent.incrementAndGet();
                if (smtp.send("load@example.test", user + "@example.com", message).startsWith("250")) {
                    acknowledged.add(id);
                }
            }
        } catch (IOException serverKilled) {
            // expected once the server is killed
        }
    }

    private static Map<String, Integer> deliveredMessageIds(TestMailSystem mail, List<String> users) throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        for (String user : users) {
            for (Path file : mail.messages(user)) {
                String text;
                try {
                    text = Files.readString(file, StandardCharsets.ISO_8859_1);
                } catch (java.nio.file.NoSuchFileException movedMeanwhile) {
                    continue;
                }
                Matcher matcher = MESSAGE_ID.matcher(text);
                if (matcher.find()) {
                    counts.merge(matcher.group(1), 1, Integer::sum);
                }
            }
        }
        return counts;
    }
}
