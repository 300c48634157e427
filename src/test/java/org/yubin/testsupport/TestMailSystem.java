package org.yubin.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * A complete yubin installation in a temporary folder for end-to-end tests: a
 * directory LDIF with users of example.com, an aliases file, a data dir, and free
 * ports; {@link #properties()} gives the settings that point the server at them.
 */
public final class TestMailSystem {

    public static final String PASSWORD = "secret";
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private final Path root;
    private final int smtpPort;
    private final int submissionPort;
    private final int smtpsPort;
    private final int pop3Port;
    private final int pop3sPort;
    private final int imapPort;
    private final int imapsPort;

    public TestMailSystem(Path root, List<String> validUsers, List<String> invalidUsers, String aliases) {
        this.root = root;
        this.smtpPort = freePort();
        this.submissionPort = freePort();
        this.smtpsPort = freePort();
        this.pop3Port = freePort();
        this.pop3sPort = freePort();
        this.imapPort = freePort();
        this.imapsPort = freePort();
        try {
            Files.createDirectories(dataDir());
            Files.writeString(ldif(), ldifFor(validUsers, invalidUsers), StandardCharsets.UTF_8);
            Files.writeString(aliases(), aliases, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A loopback port nobody listens on, chosen below Linux's ephemeral range
     * (32768-60999): a port the kernel hands out (bind to 0) may meanwhile become the
     * local end of some client connection, and the server's later bind then fails. A port
     * is handed out once per JVM: a system asks for several before its server binds any.
     */
    public static int freePort() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20_000 + ThreadLocalRandom.current().nextInt(12_000);
            if (!HANDED_OUT.add(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port between 20000 and 32000");
    }

    /** The directory LDIF: domain example.com and {@code user@example.com} entries with password {@link #PASSWORD}. */
    public static String ldifFor(List<String> validUsers, List<String> invalidUsers) {
        StringBuilder ldif = new StringBuilder("""
                dn: dc=control,dc=isp
                objectClass: top
                objectClass: domain
                dc: control

                dn: dc=example.com,dc=control,dc=isp
                objectClass: top
                objectClass: domain
                dc: example.com

                """);
        int uid = 5000;
        for (String user : validUsers) {
            ldif.append(userEntry(user, "valid", uid++));
        }
        for (String user : invalidUsers) {
            ldif.append(userEntry(user, "invalid", uid++));
        }
        return ldif.toString();
    }

    private static String userEntry(String localPart, String status, int uid) {
        String address = localPart + "@example.com";
        return "dn: cn=" + address + ",dc=example.com,dc=control,dc=isp\n"
                + "objectClass: inetOrgPerson\nobjectClass: posixAccount\nobjectClass: yubinMailbox\n"
                + "cn: " + address + "\nsn: " + localPart + "\nuid: " + address + "\n"
                + "uidNumber: " + uid + "\ngidNumber: 5000\n"
                + "homeDirectory: mail/example.com/" + localPart + "\n"
                + "mail: " + address + "\nuserPassword: {PLAIN}" + PASSWORD + "\nstatus: " + status + "\n\n";
    }

    public Path root() { return root; }
    public Path dataDir() { return root.resolve("data"); }
    public Path ldif() { return root.resolve("directory.ldif"); }
    public Path aliases() { return root.resolve("aliases"); }
    public int smtpPort() { return smtpPort; }
    public int submissionPort() { return submissionPort; }
    public int smtpsPort() { return smtpsPort; }
    public int pop3Port() { return pop3Port; }
    public int pop3sPort() { return pop3sPort; }
    public int imapPort() { return imapPort; }
    public int imapsPort() { return imapsPort; }

    public Path maildir(String localPart) {
        return dataDir().resolve("mail/example.com").resolve(localPart).resolve("Maildir");
    }

    /** Settings for the server under test, as Spring property names. */
    public Map<String, String> properties() {
        return Map.ofEntries(
                Map.entry("yubin.data-dir", dataDir().toString()),
                Map.entry("yubin.directory.ldif", ldif().toString()),
                Map.entry("yubin.aliases", aliases().toString()),
                Map.entry("yubin.hostname", "mx.example.test"),
                Map.entry("yubin.smtp.bind", "127.0.0.1"),
                Map.entry("yubin.smtp.port", Integer.toString(smtpPort)),
                Map.entry("yubin.submission.bind", "127.0.0.1"),
                Map.entry("yubin.submission.port", Integer.toString(submissionPort)),
                Map.entry("yubin.smtps.bind", "127.0.0.1"),
                Map.entry("yubin.smtps.port", Integer.toString(smtpsPort)),
                Map.entry("yubin.pop3.bind", "127.0.0.1"),
                Map.entry("yubin.pop3.port", Integer.toString(pop3Port)),
                Map.entry("yubin.pop3s.bind", "127.0.0.1"),
                Map.entry("yubin.pop3s.port", Integer.toString(pop3sPort)),
                Map.entry("yubin.imap.bind", "127.0.0.1"),
                Map.entry("yubin.imap.port", Integer.toString(imapPort)),
                Map.entry("yubin.imaps.bind", "127.0.0.1"),
                Map.entry("yubin.imaps.port", Integer.toString(imapsPort)),
                // no DNS from tests: tests of the sender domain check enable it with a test DNS server
                Map.entry("yubin.smtp.reject-unknown-sender-domain", "false"),
                Map.entry("yubin.spf.enabled", "false"),
                Map.entry("yubin.dmarc.enabled", "false"),
                Map.entry("yubin.queue.retry-delay", "1s"),
                Map.entry("yubin.queue.retry-multiplier", "1.0"));
    }

    public void register(BiConsumer<String, String> registry) {
        properties().forEach(registry);
    }

    /**
     * Sends {@code message} (CRLF line ends) to {@code to} over the MX port, as
     * {@code sender@example.net}; returns the reply to the end of data.
     */
    public String sendOverSmtp(String to, String message) throws IOException {
        try (SmtpTestClient smtp = new SmtpTestClient(smtpPort)) {
            smtp.reply();
            smtp.command("HELO client.example.net");
            return smtp.send("sender@example.net", to, message.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The files in {@code new/} and {@code cur/} of a Maildir. */
    public List<Path> messages(String localPart) {
        List<Path> files = new ArrayList<>();
        for (String sub : List.of("new", "cur")) {
            Path dir = maildir(localPart).resolve(sub);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> list = Files.list(dir)) {
                    list.forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return files;
    }

    /** The one message file in {@code user}'s Maildir that contains {@code marker}, waiting up to 15 s for it. */
    public Path onlyFileContaining(String user, String marker) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            List<Path> matches = messages(user).stream().filter(file -> read(file).contains(marker)).toList();
            if (!matches.isEmpty() || System.nanoTime() > deadline) {
                assertThat(matches).as("messages with " + marker).hasSize(1);
                return matches.get(0);
            }
            Thread.sleep(50);
        }
    }

    /** The text (ISO-8859-1, so every byte maps to one char) of {@link #onlyFileContaining}. */
    public String onlyMessageContaining(String user, String marker) throws InterruptedException {
        return read(onlyFileContaining(user, marker));
    }

    /** The texts of the messages now in {@code user}'s Maildir that contain {@code marker}. */
    public List<String> messagesContaining(String user, String marker) {
        return messages(user).stream().map(TestMailSystem::read).filter(text -> text.contains(marker)).toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException movedOrGone) {
            return "";
        }
    }

    /** Waits until a Maildir holds at least {@code count} messages; returns them. */
    public List<Path> awaitMessages(String localPart, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Path> files = messages(localPart);
        while (files.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
            files = messages(localPart);
        }
        return files;
    }
}
