package org.yubin.imap.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yubin.delivery.store.MailboxMessage;
import org.yubin.delivery.store.MessageFlags;
import org.yubin.imap.codec.ImapToken;
import org.yubin.imap.fetch.FetchRequest;
import org.yubin.imap.fetch.FetchResponder;

/**
 * Every sample message, every structure item and a spread of sections: yubin's FETCH response
 * must equal the one Dovecot's imap gives for the same Maildir file (quoted strings and
 * literals count as equal when they carry the same bytes).
 */
class ParsedMessageMatchesDovecotTest {

    private static final List<String> ITEMS = List.of("INTERNALDATE", "RFC822.SIZE", "ENVELOPE", "BODYSTRUCTURE", "BODY", "BODY.PEEK[]",
            "BODY.PEEK[HEADER]", "BODY.PEEK[TEXT]", "BODY.PEEK[1]", "BODY.PEEK[2]", "BODY.PEEK[3]", "BODY.PEEK[1.MIME]",
            "BODY.PEEK[2.MIME]", "BODY.PEEK[1.1]", "BODY.PEEK[1.2]", "BODY.PEEK[2.1]", "BODY.PEEK[2.2]", "BODY.PEEK[2.1.1]", "BODY.PEEK[1.1.1]", "BODY.PEEK[2.1.1.1]", "BODY.PEEK[1.1.1.MIME]",
            "BODY.PEEK[1.1.MIME]", "BODY.PEEK[2.1.MIME]", "BODY.PEEK[1.HEADER]", "BODY.PEEK[1.TEXT]", "BODY.PEEK[2.HEADER]",
            "BODY.PEEK[2.TEXT]", "BODY.PEEK[HEADER.FIELDS (FROM SUBJECT CONTENT-TYPE)]",
            "BODY.PEEK[HEADER.FIELDS.NOT (FROM SUBJECT DATE)]", "BODY.PEEK[HEADER.FIELDS (X-NONE)]", "BODY.PEEK[2.HEADER.FIELDS (SUBJECT)]",
            "BODY.PEEK[]<10.20>", "BODY.PEEK[TEXT]<5.1000>", "BODY.PEEK[1]<100000.5>", "BINARY.PEEK[1]", "BINARY.SIZE[1]",
            "BINARY.PEEK[2]", "RFC822.HEADER");

    private static final Instant INTERNAL_DATE = Instant.parse("2025-02-06T12:34:56Z");

    @TempDir
    Path dir;

    @Test
    void everySampleRendersAsDovecotDoes() throws Exception {
        assumeTrue(DovecotImap.installed(), "dovecot imap not installed");
        List<byte[]> files = new ArrayList<>();
        List<String> commands = new ArrayList<>();
        for (int m = 0; m < SampleMessages.ALL.size(); m++) {
            files.add(SampleMessages.lf(SampleMessages.ALL.get(m)));
            for (String item : ITEMS) {
                commands.add("FETCH " + (m + 1) + " (" + item + ")");
            }
        }
        List<byte[]> dovecot = DovecotImap.run(dir, files, INTERNAL_DATE, commands);
        assertThat(dovecot).hasSize(commands.size());

        SoftAssertions softly = new SoftAssertions();
        for (int m = 0; m < SampleMessages.ALL.size(); m++) {
            String name = SampleMessages.ALL.get(m);
            ParsedMessage parsed = SampleMessages.parsed(name);
            MailboxMessage message = new MailboxMessage(m + 1, "m" + m, 0, parsed.size(),
                    MessageFlags.NONE, INTERNAL_DATE, 1);
            for (int i = 0; i < ITEMS.size(); i++) {
                if (ITEMS.get(i).startsWith("BINARY") && !isLeaf(parsed, ITEMS.get(i))) {
                    continue;
                }
                String expected = normalize(dovecot.get(m * ITEMS.size() + i));
                FetchRequest request = FetchRequest.parse(List.of(new ImapToken.Atom(ITEMS.get(i))), false);
                String actual = normalize(FetchResponder.render(m + 1, message, false, parsed, request, false));
                softly.assertThat(actual).as(name + " " + ITEMS.get(i)).isEqualTo(expected);
            }
        }
        softly.assertAll();
    }

    /** BINARY of a multipart or message part is not compared: Dovecot re-encodes the subtree, yubin sends it as is. */
    private static boolean isLeaf(ParsedMessage parsed, String item) {
        String number = item.substring(item.indexOf('[') + 1, item.indexOf(']'));
        MimePart part = parsed.resolve(List.of(Integer.parseInt(number)));
        return part == null || !(part.isMultipart() || part.isMessage());
    }

    /** Literals without line breaks become quoted strings, so the two servers' choice of form does not matter. */
    static String normalize(byte[] response) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < response.length) {
            if (response[i] == '{') {
                int close = i + 1;
                while (close < response.length && Character.isDigit(response[close])) {
                    close++;
                }
                if (close > i + 1 && close + 2 < response.length && response[close] == '}' && response[close + 1] == '\r') {
                    int n = Integer.parseInt(new String(response, i + 1, close - i - 1, StandardCharsets.US_ASCII));
                    int from = close + 3;
                    boolean quotable = true;
                    for (int k = from; k < from + n; k++) {
                        quotable &= response[k] != '\r' && response[k] != '\n';
                    }
                    if (quotable) {
                        out.write('"');
                        for (int k = from; k < from + n; k++) {
                            if (response[k] == '"' || response[k] == '\\') {
                                out.write('\\');
                            }
                            out.write(response[k]);
                        }
                        out.write('"');
                        i = from + n;
                        continue;
                    }
                }
            }
            out.write(response[i++]);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
