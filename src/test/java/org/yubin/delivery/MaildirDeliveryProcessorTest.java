package org.yubin.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.ExchangeBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yubin.config.YubinProperties;
import org.yubin.delivery.store.MailStore;
import org.yubin.delivery.store.MailboxEvents;
import org.yubin.delivery.store.UserStore;
import org.yubin.directory.MailUser;
import org.yubin.directory.Recipient;
import org.yubin.directory.RecipientResolver;
import org.yubin.queue.EnvelopeHeaders;
import org.yubin.testsupport.LogCapture;

class MaildirDeliveryProcessorTest {

    private static final String RECEIVED = "Received: from client.example.net (client.example.net [192.0.2.1])\r\n"
            + "\tby mx.example.test (yubin) with ESMTP id 4Ab3\r\n\tfor <alias@example.test>; Wed, 27 Nov 2024 10:00:00 +0000\r\n";

    @TempDir
    Path home;

    private CamelContext camel;
    private final Map<String, Recipient> directory = new HashMap<>();
    private RuntimeException directoryFailure;
    private MaildirDeliveryProcessor processor;
    private Path immutable;
    private Maildir maildir;
    private LogCapture log;
    /** Mailbox directories the processor announced, in order. */
    private final List<Path> announced = new CopyOnWriteArrayList<>();
    /** One arrival time per test, as a queued message keeps its own across redeliveries. */
    private final long arrival = System.currentTimeMillis() - 1500;

    @BeforeEach
    void setUp() {
        log = LogCapture.of(MaildirDeliveryProcessor.class);
        camel = new DefaultCamelContext();
        camel.start();
        MailUser alice = new MailUser("alice@example.test", "cn=alice@example.test,dc=example.test,dc=control,dc=isp",
                home, 1000, 1000, List.of("alice@example.test"));
        directory.put("alice@example.test", new Recipient.Local("alice@example.test", alice));
        directory.put("bob@example.test", new Recipient.Unknown("bob@example.test"));
        directory.put("carol@elsewhere.test", new Recipient.Remote("carol@elsewhere.test"));
        RecipientResolver resolver = new RecipientResolver() {
            @Override
            public Recipient resolve(String address) {
                if (directoryFailure != null) {
                    throw directoryFailure;
                }
                return directory.getOrDefault(address, new Recipient.Unknown(address));
            }

            @Override
            public List<Recipient> expand(String address) {
                return List.of(resolve(address));
            }
        };
        YubinProperties properties = new YubinProperties();
        properties.setHostname("mx.example.test");
        MailboxEvents events = new MailboxEvents() {
            @Override
            public AutoCloseable watch(Path mailboxDirectory, Runnable listener) {
                throw new UnsupportedOperationException("the processor only announces");
            }

            @Override
            public void changed(Path mailboxDirectory) {
                announced.add(mailboxDirectory);
            }
        };
        MailStore mailStore = new MailStore() {
            @Override
            public UserStore open(MailUser user) {
                throw new UnsupportedOperationException("the processor writes through MaildirWriter");
            }

            @Override
            public MailboxEvents events() {
                return events;
            }
        };
        processor = new MaildirDeliveryProcessor(resolver, properties, mailStore);
        maildir = Maildir.at(alice.maildir());
    }

    @AfterEach
    void tearDown() throws Exception {
        log.close();
        camel.stop();
        if (immutable != null) {
            chattr("-i", immutable);
        }
    }

    /** Mode 0500; root ignores modes, so for root the directory is also made immutable (ext4 and most Linux file systems). */
    private void makeReadOnly(Path dir) throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-x------"));
        if ("root".equals(System.getProperty("user.name"))) {
            assumeTrue(chattr("+i", dir), "chattr +i not permitted here");
            immutable = dir;
        }
    }

    private static boolean chattr(String flag, Path dir) throws Exception {
        Process chattr = new ProcessBuilder("chattr", flag, dir.toString()).redirectErrorStream(true).start();
        chattr.getInputStream().readAllBytes();
        return chattr.waitFor() == 0;
    }

    @Test
    void returnPathAndDeliveredToGoAboveTheOnlyReceivedAndUtf8PassesByteExact() throws Exception {
        byte[] original = concat(RECEIVED, "From: =?UTF-8?B?w4RsaWNl?= <a@example.net>\r\nSubject: Grüße\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + "Grüße aus Köln — 日本語のテキスト\r\n", StandardCharsets.UTF_8);

        processor.process(exchange("4Ab3", "sender@example.net", "alice@example.test", "alias@example.test", original));

        Path stored = onlyFile(maildir.newDir());
        String expectedText = "Return-Path: <sender@example.net>\nDelivered-To: alice@example.test\n"
                + new String(original, StandardCharsets.UTF_8).replace("\r\n", "\n");
        assertThat(Files.readAllBytes(stored)).isEqualTo(expectedText.getBytes(StandardCharsets.UTF_8));
        assertThat(new String(Files.readAllBytes(stored), StandardCharsets.UTF_8).split("\n", 4))
                .startsWith("Return-Path: <sender@example.net>", "Delivered-To: alice@example.test",
                        "Received: from client.example.net (client.example.net [192.0.2.1])");
        assertThat(countOf(Files.readAllBytes(stored), "Received:")).isEqualTo(1);
        assertThat(log.lines()).containsPattern("4Ab3: to=<alice@example.test>, orig_to=<alias@example.test>, "
                + "relay=local, delay=\\d+\\.\\d{2}, status=sent \\(delivered to maildir\\)");
    }

    @Test
    void eachNewDeliveryIsAnnouncedForItsMailboxButARedeliveryFoundStoredIsNot() throws Exception {
        byte[] message = concat(RECEIVED, "Subject: x\r\n\r\nbody\r\n", StandardCharsets.US_ASCII);

        processor.process(exchange("4Ab9", "sender@example.net", "alice@example.test", "alice@example.test", message));
        processor.process(exchange("4Ab9", "sender@example.net", "alice@example.test", "alice@example.test", message));

        assertThat(announced).containsExactly(maildir.directory());
    }

    @Test
    void iso2022jpEscapeSequencesPassUntouched() throws Exception {
        Charset jis = Charset.forName("ISO-2022-JP");
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.writeBytes(RECEIVED.getBytes(StandardCharsets.US_ASCII));
        message.writeBytes("Subject: =?ISO-2022-JP?B?GyRCRnxLXDhsGyhC?=\r\nContent-Type: text/plain; charset=ISO-2022-JP\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        byte[] body = "こんにちは、世界。\r\n二行目\r\n".getBytes(jis);
        message.writeBytes(body);
        byte[] original = message.toByteArray();

        processor.process(exchange("4Ab4", "sender@example.net", "alice@example.test", "alice@example.test", original));

        byte[] stored = Files.readAllBytes(onlyFile(maildir.newDir()));
        byte[] trace = "Return-Path: <sender@example.net>\nDelivered-To: alice@example.test\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(stored).isEqualTo(concat(trace, crlfToLf(original)));
        assertThat(countOf(stored, "\u001b$B")).isEqualTo(countOf(original, "\u001b$B")).isPositive();
        assertThat(new String(stored, jis)).endsWith("こんにちは、世界。\n二行目\n");
    }

    @Test
    void theNullSenderBecomesAnEmptyReturnPathAndArrivalMayBeAString() throws Exception {
        Exchange exchange = exchange("4Ab5", "", "alice@example.test", null, RECEIVED.getBytes(StandardCharsets.US_ASCII));
        exchange.getIn().setHeader(EnvelopeHeaders.ARRIVAL_TIME, "1732700000000");

        processor.process(exchange);

        Path stored = onlyFile(maildir.newDir());
        assertThat(Files.readString(stored, StandardCharsets.US_ASCII)).startsWith("Return-Path: <>\nDelivered-To: alice@example.test\n");
        assertThat(stored.getFileName().toString()).startsWith("1732700000.Y4Ab5.mx.example.test,S=");
    }

    @Test
    void theSameQueueIdDeliveredTwiceIsStoredOnce() throws Exception {
        byte[] original = concat(RECEIVED, "Subject: twice\r\n\r\nbody\r\n", StandardCharsets.US_ASCII);

        processor.process(exchange("4Ab6", "s@example.net", "alice@example.test", "alice@example.test", original));
        processor.process(exchange("4Ab6", "s@example.net", "alice@example.test", "alice@example.test", original));

        assertThat(MaildirWriterTest.list(maildir.newDir())).hasSize(1);
        assertThat(log.lines()).contains("4Ab6: to=<alice@example.test>").contains("status=sent (already delivered)");
    }

    @Test
    void aRedeliveryAfterTheUserReadTheMessageDoesNotDeliverItAgain() throws Exception {
        byte[] original = concat(RECEIVED, "Subject: read\r\n\r\nbody\r\n", StandardCharsets.US_ASCII);
        processor.process(exchange("4Ab7", "s@example.net", "alice@example.test", "alice@example.test", original));
        Path delivered = onlyFile(maildir.newDir());
        Files.move(delivered, maildir.cur().resolve(delivered.getFileName() + ":2,S"));

        Exchange redelivery = exchange("4Ab7", "s@example.net", "alice@example.test", "alice@example.test", original);
        redelivery.getIn().setHeader("JMSRedelivered", Boolean.TRUE);
        processor.process(redelivery);

        assertThat(MaildirWriterTest.list(maildir.newDir())).isEmpty();
        assertThat(MaildirWriterTest.list(maildir.cur())).hasSize(1);
    }

    @Test
    void theFolderHeaderDeliversIntoThatFolderCreatingIt() throws Exception {
        Exchange exchange = exchange("4Ab8", "s@example.net", "alice@example.test", null,
                concat(RECEIVED, "Subject: list\r\n\r\nx\r\n", StandardCharsets.US_ASCII));
        exchange.getIn().setHeader(DeliveryHeaders.FOLDER, "Lists.yubin");

        processor.process(exchange);

        Maildir folder = maildir.folder("Lists.yubin");
        assertThat(onlyFile(folder.newDir())).isRegularFile();
        assertThat(folder.directory().resolve(Maildir.FOLDER_MARKER)).isRegularFile();
        assertThat(MaildirWriterTest.list(maildir.newDir())).isEmpty();
    }

    @Test
    void aFolderNameThatWouldEscapeTheMaildirFallsBackToTheInbox() throws Exception {
        Exchange exchange = exchange("4Ab9", "s@example.net", "alice@example.test", null,
                concat(RECEIVED, "Subject: evil\r\n\r\nx\r\n", StandardCharsets.US_ASCII));
        exchange.getIn().setHeader(DeliveryHeaders.FOLDER, "../../outside");

        processor.process(exchange);

        assertThat(onlyFile(maildir.newDir())).isRegularFile();
        try (var entries = Files.list(home)) {
            assertThat(entries).containsExactly(maildir.root());
        }
    }

    @Test
    void aMaildirThatCannotBeWrittenDefersAndLeavesNothingInNew() throws Exception {
        maildir.create();
        Files.delete(maildir.tmp());
        Files.writeString(maildir.tmp(), "not a directory");

        assertThatThrownBy(() -> processor.process(exchange("4AbA", "s@example.net", "alice@example.test", null,
                RECEIVED.getBytes(StandardCharsets.US_ASCII))))
                .isInstanceOf(TemporaryDeliveryException.class);

        assertThat(MaildirWriterTest.list(maildir.newDir())).isEmpty();
        assertThat(log.lines()).contains("4AbA: to=<alice@example.test>, relay=local").contains("status=deferred (maildir delivery failed:");
    }

    @Test
    void aReadOnlyNewDirectoryDefersAndLeavesNothingInNewOrTmp() throws Exception {
        maildir.create();
        makeReadOnly(maildir.newDir());

        assertThatThrownBy(() -> processor.process(exchange("4AbB", "s@example.net", "alice@example.test", null,
                RECEIVED.getBytes(StandardCharsets.US_ASCII))))
                .isInstanceOf(TemporaryDeliveryException.class)
                .extracting(e -> ((DeliveryException) e).enhancedStatus()).isEqualTo("4.2.0");

        assertThat(MaildirWriterTest.list(maildir.newDir())).isEmpty();
        assertThat(MaildirWriterTest.list(maildir.tmp())).isEmpty();
        assertThat(log.lines()).contains("4AbB: to=<alice@example.test>").contains("status=deferred (maildir delivery failed:");
    }

    @Test
    void anUnknownRecipientIsAPermanentFailure() {
        assertThatThrownBy(() -> processor.process(exchange("4AbC", "s@example.net", "bob@example.test", null,
                RECEIVED.getBytes(StandardCharsets.US_ASCII))))
                .isInstanceOf(PermanentDeliveryException.class)
                .extracting(e -> ((DeliveryException) e).enhancedStatus()).isEqualTo("5.1.1");

        assertThat(log.lines()).contains("4AbC: to=<bob@example.test>").contains("status=bounced (unknown user: \"bob@example.test\")");
        assertThat(home.resolve("Maildir")).doesNotExist();
    }

    @Test
    void aRecipientThatIsNoLongerLocalIsAPermanentFailure() {
        assertThatThrownBy(() -> processor.process(exchange("4AbD", "s@example.net", "carol@elsewhere.test", null,
                RECEIVED.getBytes(StandardCharsets.US_ASCII))))
                .isInstanceOf(PermanentDeliveryException.class);
    }

    @Test
    void aDirectoryOutageIsATemporaryFailure() {
        directoryFailure = new IllegalStateException("LDAP server down");

        assertThatThrownBy(() -> processor.process(exchange("4AbE", "s@example.net", "alice@example.test", null,
                RECEIVED.getBytes(StandardCharsets.US_ASCII))))
                .isInstanceOf(TemporaryDeliveryException.class);
    }

    @Test
    void anEnvelopeThatCouldInjectHeaderLinesIsRefusedPermanently() {
        assertThatThrownBy(() -> processor.process(exchange("4AbF", "s@example.net\r\nX-Injected: yes", "alice@example.test", null,
                RECEIVED.getBytes(StandardCharsets.US_ASCII))))
                .isInstanceOf(PermanentDeliveryException.class);
        assertThatThrownBy(() -> processor.process(exchange("../4AbF", "s@example.net", "alice@example.test", null,
                RECEIVED.getBytes(StandardCharsets.US_ASCII))))
                .isInstanceOf(PermanentDeliveryException.class);
        assertThat(home.resolve("Maildir")).doesNotExist();
    }

    private Exchange exchange(String queueId, String from, String to, String originalTo, byte[] body) {
        ExchangeBuilder builder = ExchangeBuilder.anExchange(camel)
                .withBody(body)
                .withHeader(EnvelopeHeaders.QUEUE_ID, queueId)
                .withHeader(EnvelopeHeaders.MAIL_FROM, from)
                .withHeader(EnvelopeHeaders.RECIPIENT, to)
                .withHeader(EnvelopeHeaders.ARRIVAL_TIME, arrival);
        if (originalTo != null) {
            builder.withHeader(EnvelopeHeaders.ORIGINAL_RECIPIENT, originalTo);
        }
        return builder.build();
    }

    private static Path onlyFile(Path dir) throws IOException {
        List<Path> files = MaildirWriterTest.list(dir);
        assertThat(files).hasSize(1);
        return files.get(0);
    }

    private static byte[] concat(String head, String tail, Charset charset) {
        return concat(head.getBytes(charset), tail.getBytes(charset));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    private static byte[] crlfToLf(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1).replace("\r\n", "\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static int countOf(byte[] haystack, String needle) {
        String text = new String(haystack, StandardCharsets.ISO_8859_1);
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }
}
