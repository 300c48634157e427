package org.yubin.imap.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yubin.delivery.store.MailboxMessage;
import org.yubin.delivery.store.MessageFlags;
import org.yubin.delivery.store.MessageFlags.SystemFlag;
import org.yubin.imap.codec.ImapToken;
import org.yubin.imap.message.ParsedMessage;
import org.yubin.imap.message.SampleMessages;

class FetchResponderTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private final ParsedMessage simple = SampleMessages.parsed("simple");
    private final MailboxMessage message = new MailboxMessage(42, "1700000000.M1.host", 500, simple.size(),
            new MessageFlags(EnumSet.of(SystemFlag.SEEN, SystemFlag.ANSWERED), Set.of("$Forwarded")),
            Instant.parse("2025-02-03T09:15:00Z"), 77);

    private static FetchRequest request(boolean uid, String... items) throws Exception {
        List<ImapToken> tokens = Arrays.stream(items).map(i -> (ImapToken) new ImapToken.Atom(i)).toList();
        return FetchRequest.parse(List.of(new ImapToken.ListToken(tokens)), uid);
    }

    private String render(FetchRequest request, boolean recent, boolean seenSet) {
        return new String(FetchResponder.render(7, message, recent, simple, request, seenSet, TOKYO), StandardCharsets.UTF_8);
    }

    @Test
    void metadataItemsRenderInRequestOrder() throws Exception {
        assertThat(render(request(true, "FLAGS", "INTERNALDATE", "RFC822.SIZE"), true, false)).isEqualTo(
                "* 7 FETCH (UID 42 FLAGS (\\Answered \\Seen \\Recent $Forwarded) INTERNALDATE \"03-Feb-2025 18:15:00 +0900\""
                + " RFC822.SIZE " + simple.size() + ")\r\n");
    }

    @Test
    void metadataNeedsNoContent() throws Exception {
        byte[] response = FetchResponder.render(1, message, false, null, request(false, "UID", "FLAGS"), false, TOKYO);
        assertThat(new String(response, StandardCharsets.US_ASCII))
                .isEqualTo("* 1 FETCH (UID 42 FLAGS (\\Answered \\Seen $Forwarded))\r\n");
        assertThatThrownBy(() -> FetchResponder.render(1, message, false, null, request(false, "BODY[]"), false, TOKYO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wholeBodyGoesOutAsOneLiteralOfTheMessageBytes() throws Exception {
        String response = render(request(false, "BODY.PEEK[]"), false, false);
        assertThat(response).isEqualTo("* 7 FETCH (BODY[] {" + simple.size() + "}\r\n"
                + new String(simple.bytes(), StandardCharsets.UTF_8) + ")\r\n");
    }

    @Test
    void partialIsNamedByItsOriginOnly() throws Exception {
        assertThat(render(request(false, "BODY.PEEK[TEXT]<3.3>"), false, false))
                .isEqualTo("* 7 FETCH (BODY[TEXT]<3> {3}\r\nBob)\r\n");
        assertThat(render(request(false, "BODY.PEEK[TEXT]<100000.3>"), false, false))
                .isEqualTo("* 7 FETCH (BODY[TEXT]<100000> {0}\r\n)\r\n");
    }

    @Test
    void headerFieldsEchoTheFieldNamesAsWritten() throws Exception {
        assertThat(render(request(false, "BODY.PEEK[HEADER.FIELDS (Message-Id cc)]"), false, false)).isEqualTo(
                "* 7 FETCH (BODY[HEADER.FIELDS (Message-Id cc)] {78}\r\nCc: Dave <dave@example.net>\r\n"
                + "Message-ID: <20250203101459.1234@example.org>\r\n\r\n)\r\n");
    }

    @Test
    void flagsFollowWhenTheFetchSetSeen() throws Exception {
        assertThat(render(request(false, "BODY[1]<0.2>"), false, true))
                .isEqualTo("* 7 FETCH (BODY[1]<0> {2}\r\nHi FLAGS (\\Answered \\Seen $Forwarded))\r\n");
        assertThat(render(request(false, "FLAGS", "BODY[1]<0.2>"), false, true))
                .isEqualTo("* 7 FETCH (FLAGS (\\Answered \\Seen $Forwarded) BODY[1]<0> {2}\r\nHi)\r\n");
    }

    @Test
    void modSeqIsAddedWhenChangedSinceWasGiven() throws Exception {
        FetchRequest request = FetchRequest.parse(List.of(new ImapToken.Atom("FLAGS"),
                new ImapToken.ListToken(List.of(new ImapToken.Atom("CHANGEDSINCE"), new ImapToken.Atom("5")))), true);
        assertThat(render(request, false, false))
                .isEqualTo("* 7 FETCH (UID 42 FLAGS (\\Answered \\Seen $Forwarded) MODSEQ (77))\r\n");
        assertThat(render(request(false, "MODSEQ"), false, false)).isEqualTo("* 7 FETCH (MODSEQ (77))\r\n");
    }

    @Test
    void rfc822ItemsAreNamedAsAsked() throws Exception {
        assertThat(render(request(false, "RFC822.HEADER"), false, false)).startsWith("* 7 FETCH (RFC822.HEADER {475}\r\nReturn-Path:");
        assertThat(render(request(false, "RFC822.TEXT"), false, false)).startsWith("* 7 FETCH (RFC822.TEXT {52}\r\nHi Bob,");
        assertThat(render(request(false, "RFC822"), false, false)).startsWith("* 7 FETCH (RFC822 {" + simple.size() + "}\r\n");
    }

    @Test
    void binaryDecodesTheTransferEncoding() throws Exception {
        ParsedMessage utf8 = SampleMessages.parsed("utf8");
        String response = new String(FetchResponder.render(1, message, false, utf8,
                request(false, "BINARY.PEEK[1]", "BINARY.SIZE[1]"), false, TOKYO), StandardCharsets.UTF_8);
        assertThat(response).isEqualTo("* 1 FETCH (BINARY[1] ~{40}\r\nSchöne Grüße aus München!\nZoë 😀\n"
                + " BINARY.SIZE[1] 40)\r\n");
    }

    @Test
    void binaryOfAnUnknownEncodingIsRefused() throws Exception {
        ParsedMessage odd = ParsedMessage.parse("Content-Transfer-Encoding: x-uuencode\r\n\r\nbegin 644 x\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> FetchResponder.render(1, message, false, odd, request(false, "BINARY[1]"), false, TOKYO))
                .isInstanceOf(UnknownCteException.class);
    }

    @Test
    void fiveThousandFullBodiesRenderQuickly() throws Exception {
        ParsedMessage big = SampleMessages.parsed("mixed-attachment");
        FetchRequest request = request(true, "BODY.PEEK[]", "FLAGS", "RFC822.SIZE");
        long start = System.nanoTime();
        long bytes = 0;
        for (int i = 1; i <= 5000; i++) {
            bytes += FetchResponder.render(i, message, false, ParsedMessage.parse(big.bytes()), request, false, TOKYO).length;
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(bytes).isGreaterThan(5000L * big.size());
        assertThat(millis).as("5000 renders in ms").isLessThan(2000);
    }
}
