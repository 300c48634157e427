package org.yubin.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocket;

import com.fasterxml.jackson.databind.JsonNode;
import javax.net.ssl.SSLSocket;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.yubin.YubinApplication;
import org.yubin.testsupport.PythonScript;
import org.yubin.testsupport.SmtpTestClient;
import org.yubin.testsupport.Temp;
import org.yubin.testsupport.TestMailSystem;
import org.yubin.testsupport.TrustAllTls;

/**
 * POP3 through the whole server with real clients: mail delivered over SMTP, then read
 * with Python's poplib (USER/PASS, APOP after STLS, AUTH PLAIN over POP3S, every
 * transaction command) and downloaded with fetchmail over POP3 (STLS) and POP3S.
 */
@SpringBootTest(classes = YubinApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class Pop3ClientsTest {

    static final TestMailSystem MAIL = new TestMailSystem(Temp.dir("pop3-clients"),
            List.of("alice", "bob", "carol", "dave"), List.of(), "");
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        MAIL.register((key, value) -> registry.add(key, () -> value));
        registry.add("server.port", () -> "0");
        registry.add("yubin.auth.failure-delay", () -> "200ms");
    }

    private static void deliver(String user, int count, String marker) throws Exception {
        try (SmtpTestClient smtp = new SmtpTestClient(MAIL.smtpPort())) {
            smtp.reply();
            smtp.command("EHLO client.test");
            for (int i = 1; i <= count; i++) {
                String message = "From: sender@remote.test\r\nTo: " + user + "@example.com\r\nSubject: " + marker + " " + i
                        + "\r\nMessage-Id: <" + marker + "-" + i + "@remote.test>\r\n\r\nbody of " + marker + "-" + i
                        + "\r\n.starts with a dot\r\nline three\r\n";
                assertThat(smtp.send("sender@remote.test", user + "@example.com",
                        message.getBytes(StandardCharsets.UTF_8))).startsWith("250");
            }
        }
        assertThat(MAIL.awaitMessages(user, count, Duration.ofSeconds(15))).hasSize(count);
    }

    private static JsonNode poplib(String mode, int port, String user, String password) throws Exception {
        return JSON.readTree(PythonScript.run("pop3/pop3_client.py", mode, port, user + "@example.com", password));
    }

    private static long uidValidity(String user) throws IOException {
        String header = Files.readAllLines(MAIL.maildir(user).resolve("dovecot-uidlist")).get(0);
        return Long.parseLong(header.split(" ")[1].substring(1));
    }

    private static List<String> strings(JsonNode array) {
        return JSON.convertValue(array, JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    }

    @Test
    void poplibReadsWithEveryCommandAndQuitDeletesAndMarksSeen() throws Exception {
        deliver("alice", 3, "pl");
        JsonNode full = poplib("full", MAIL.pop3Port(), "alice", TestMailSystem.PASSWORD);

        assertThat(strings(full.get("capa"))).contains("TOP", "USER", "UIDL", "RESP-CODES", "PIPELINING",
                "AUTH-RESP-CODE", "SASL", "STLS", "EXPIRE", "IMPLEMENTATION");
        assertThat(full.get("pass").asText()).isEqualTo("+OK Logged in.");
        assertThat(full.get("stat").get(0).asInt()).isEqualTo(3);
        List<String> sizes = strings(full.get("list"));
        assertThat(sizes).hasSize(3);
        long firstSize = Long.parseLong(sizes.get(0).split(" ")[1]);
        assertThat(full.get("retr1_octets").asLong()).isGreaterThanOrEqualTo(firstSize);
        String uidValidityHex = String.format(Locale.ROOT, "%08X", uidValidity("alice"));
        List<String> uidls = strings(full.get("uidl"));
        assertThat(uidls).containsExactly("1 00000001" + uidValidityHex, "2 00000002" + uidValidityHex,
                "3 00000003" + uidValidityHex);
        assertThat(full.get("uidl1").asText()).isEqualTo("+OK 1 00000001" + uidValidityHex);
        List<String> retr = strings(full.get("retr1"));
        assertThat(retr).contains("Subject: pl 1", "body of pl-1", ".starts with a dot", "line three");
        assertThat(retr.stream().mapToInt(line -> line.length() + 2).sum()).as("LIST size = octets sent").isEqualTo(firstSize);
        List<String> top = strings(full.get("top2"));
        assertThat(top).contains("Subject: pl 2", "body of pl-2").doesNotContain(".starts with a dot");
        assertThat(top.get(top.size() - 1)).isEqualTo("body of pl-2");
        assertThat(full.get("quit").asText()).isEqualTo("+OK Logging out.");

        assertThat(MAIL.messagesContaining("alice", "<pl-3@remote.test>")).isEmpty();
        Path first = MAIL.onlyFileContaining("alice", "<pl-1@remote.test>");
        assertThat(first.getParent().getFileName().toString()).isEqualTo("cur");
        assertThat(first.getFileName().toString()).endsWith(":2,S");
        assertThat(MAIL.onlyFileContaining("alice", "<pl-2@remote.test>").getFileName().toString())
                .doesNotEndWith("S");

        JsonNode apop = poplib("apop-stls", MAIL.pop3Port(), "alice", TestMailSystem.PASSWORD);
        assertThat(strings(apop.get("capa_before"))).contains("STLS");
        assertThat(strings(apop.get("capa_after"))).doesNotContain("STLS").contains("USER");
        assertThat(apop.get("apop").asText()).isEqualTo("+OK Logged in.");
        assertThat(apop.get("stat").get(0).asInt()).isEqualTo(2);
        assertThat(strings(apop.get("uidl"))).as("UIDLs are stable across sessions")
                .containsExactly("1 00000001" + uidValidityHex, "2 00000002" + uidValidityHex);
    }

    @Test
    void poplibLogsInWithAuthPlainOverPop3s() throws Exception {
        deliver("carol", 1, "ps");
        JsonNode result = poplib("auth-pop3s", MAIL.pop3sPort(), "carol", TestMailSystem.PASSWORD);
        assertThat(result.get("auth").asText()).isEqualTo("+OK Logged in.");
        assertThat(result.get("stat").get(0).asInt()).isEqualTo(1);
    }

    @Test
    void aWrongPasswordGetsTheAuthResponseCode() throws Exception {
        JsonNode result = poplib("wrong", MAIL.pop3Port(), "dave", "not-the-password");
        assertThat(result.get("error").asText()).isEqualTo("-ERR [AUTH] Authentication failed.");
    }

    @Test
    void fetchmailDownloadsOverPop3WithStlsThenOverPop3sAndDeletes() throws Exception {
        deliver("bob", 2, "fm");
        Path work = Files.createTempDirectory(MAIL.root(), "fetchmail");
        Path kept = work.resolve("kept.mbox");
        String stls = fetchmail(work, "poll 127.0.0.1 port " + MAIL.pop3Port()
                + " protocol POP3 user \"bob@example.com\" password \"secret\""
                + " sslproto 'TLS1.2+' no sslcertck keep fetchall mda \"cat >> " + kept + "\"\n");
        assertThat(stls).contains("2 messages");
        assertThat(Files.readString(kept)).contains("<fm-1@remote.test>", "<fm-2@remote.test>");
        assertThat(MAIL.messages("bob")).hasSize(2);

        Path fetched = work.resolve("fetched.mbox");
        String pop3s = fetchmail(work, "poll 127.0.0.1 port " + MAIL.pop3sPort()
                + " protocol POP3 user \"bob@example.com\" password \"secret\""
                + " ssl no sslcertck nokeep fetchall mda \"cat >> " + fetched + "\"\n");
        assertThat(pop3s).contains("2 messages");
        assertThat(Files.readString(fetched)).contains("<fm-1@remote.test>", "<fm-2@remote.test>",
                "\n.starts with a dot");
        assertThat(MAIL.messages("bob")).isEmpty();
    }

    @Test
    void commandsPipelinedBehindStlsInPlainTextAreNeverRun() throws Exception {
        try (Socket plain = new Socket("127.0.0.1", MAIL.pop3Port())) {
            BufferedReader in = new BufferedReader(new InputStreamReader(plain.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("+OK yubin ready.");
            plain.getOutputStream().write("STLS\r\nUSER dave@example.com\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(in.readLine()).isEqualTo("+OK Begin TLS negotiation now.");
            SSLSocket tls = (SSLSocket) TrustAllTls.context().getSocketFactory()
                    .createSocket(plain, "127.0.0.1", MAIL.pop3Port(), true);
            tls.startHandshake();
            BufferedReader secure = new BufferedReader(new InputStreamReader(tls.getInputStream(), StandardCharsets.US_ASCII));
            tls.getOutputStream().write("PASS secret\r\nNOOP\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(secure.readLine()).as("the USER sent before TLS was dropped").isEqualTo("-ERR No username given.");
            assertThat(secure.readLine()).isEqualTo("-ERR NOOP not allowed now.");
            assertThat(secure.readLine()).isEqualTo("+OK Logging out.");
        }
    }

    /** Runs fetchmail once with {@code poll} as its rcfile; returns its output. */
    private static String fetchmail(Path work, String poll) throws Exception {
        Path rc = work.resolve("fetchmailrc");
        Files.writeString(rc, "set no syslog\n" + poll);
        Files.setPosixFilePermissions(rc, PosixFilePermissions.fromString("rw-------"));
        Path log = work.resolve("fetchmail.log");
        ProcessBuilder builder = new ProcessBuilder("fetchmail", "-f", rc.toString(), "--nodetach", "-v")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("HOME", work.toString());
        builder.environment().put("FETCHMAILHOME", work.toString());
        Process process = builder.start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("fetchmail finished").isTrue();
            String output = Files.readString(log);
            assertThat(process.exitValue()).as("fetchmail: %s", output).isZero();
            return output;
        } finally {
            process.destroyForcibly();
        }
    }
}
