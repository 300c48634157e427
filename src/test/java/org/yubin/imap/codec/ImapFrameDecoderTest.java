package org.yubin.imap.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ImapFrameDecoderTest {

    private static final int APPEND_LIMIT = 1000;

    private EmbeddedChannel channel;

    private EmbeddedChannel channel(LiteralPolicy policy) {
        channel = new EmbeddedChannel(new ImapFrameDecoder(200, APPEND_LIMIT, policy));
        return channel;
    }

    @AfterEach
    void close() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
    }

    private void send(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1));
    }

    private List<ImapRequest> requests() {
        List<ImapRequest> out = new ArrayList<>();
        for (Object msg; (msg = channel.readInbound()) != null; ) {
            out.add((ImapRequest) msg);
        }
        return out;
    }

    private String written() {
        StringBuilder out = new StringBuilder();
        for (Object msg; (msg = channel.readOutbound()) != null; ) {
            ByteBuf buf = (ByteBuf) msg;
            out.append(buf.toString(StandardCharsets.US_ASCII));
            buf.release();
        }
        return out.toString();
    }

    private static ImapRequest.Command command(ImapRequest request) {
        assertThat(request).isInstanceOf(ImapRequest.Command.class);
        return (ImapRequest.Command) request;
    }

    @Test
    void aCommandLineBecomesTagNameAndTokens() {
        channel(LiteralPolicy.ACCEPT);
        send("a1 login \"us\\\"er\" pass\r\nA2 uid fetch 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (From To)]<0.100>) NIL\r\n");
        List<ImapRequest> requests = requests();
        assertThat(requests).hasSize(2);
        ImapRequest.Command login = command(requests.get(0));
        assertThat(login.tag()).isEqualTo("a1");
        assertThat(login.name()).isEqualTo("LOGIN");
        assertThat(login.args().get(0).text()).isEqualTo("us\"er");
        assertThat(login.args().get(1)).isEqualTo(new ImapToken.Atom("pass"));
        ImapRequest.Command fetch = command(requests.get(1));
        assertThat(fetch.name()).isEqualTo("UID FETCH");
        assertThat(fetch.args().get(0)).isEqualTo(new ImapToken.Atom("1:*"));
        ImapToken.ListToken items = (ImapToken.ListToken) fetch.args().get(1);
        assertThat(items.items()).containsExactly(new ImapToken.Atom("FLAGS"),
                new ImapToken.Atom("BODY.PEEK[HEADER.FIELDS (From To)]<0.100>"));
        assertThat(fetch.args().get(2)).isEqualTo(new ImapToken.Atom("NIL"));
    }

    @Test
    void aSynchronizingLiteralIsInvitedAndReadAcrossChunks() {
        channel(LiteralPolicy.ACCEPT);
        send("a APPEND INBOX (\\Seen) {11}\r\n");
        assertThat(written()).isEqualTo("+ OK\r\n");
        assertThat(requests()).isEmpty();
        send("hello");
        send(" world\r\n");
        List<ImapRequest> requests = requests();
        assertThat(requests).hasSize(1);
        ImapRequest.Command append = command(requests.get(0));
        ImapToken.Str message = (ImapToken.Str) append.args().get(2);
        assertThat(message.literal()).isTrue();
        assertThat(message.utf8()).isEqualTo("hello world");
    }

    @Test
    void aNonSynchronizingLiteralIsReadWithoutContinuation() {
        channel(LiteralPolicy.ACCEPT);
        send("a LOGIN {4+}\r\nuser {3+}\r\npw\0\r\n");
        assertThat(written()).isEmpty();
        ImapRequest.Command login = command(requests().get(0));
        assertThat(login.args().get(0).text()).isEqualTo("user");
        assertThat(((ImapToken.Str) login.args().get(1)).bytes()).containsExactly('p', 'w', 0);
    }

    @Test
    void aTooLargeSynchronizingAppendLiteralIsRefusedWithoutReadingIt() {
        channel(LiteralPolicy.ACCEPT);
        send("a APPEND INBOX {" + (APPEND_LIMIT + 1) + "}\r\nb NOOP\r\n");
        assertThat(written()).isEmpty();
        List<ImapRequest> requests = requests();
        assertThat(requests.get(0)).isEqualTo(new ImapRequest.Refused("a NO [TOOBIG] Message too large", false));
        assertThat(command(requests.get(1)).name()).isEqualTo("NOOP");
    }

    @Test
    void otherCommandsGetOnlySixtyFourKibOfLiterals() {
        channel(LiteralPolicy.ACCEPT);
        send("a LOGIN {65537}\r\n");
        assertThat(requests()).containsExactly(new ImapRequest.Refused("a BAD Literal too large", false));
        assertThat(written()).isEmpty();
    }

    @Test
    void aTooLargeNonSynchronizingLiteralClosesAndIsNeverRead() {
        channel(LiteralPolicy.ACCEPT);
        send("a APPEND INBOX {5000+}\r\nxxxxxxxx\r\nb NOOP\r\n");
        assertThat(requests()).containsExactly(new ImapRequest.Refused("a BAD Literal too large", true));
    }

    @Test
    void thePolicyCanRefuseTheContinuation() {
        channel((tag, command, size) -> tag + " BAD Command not valid in this state");
        send("a APPEND INBOX {3}\r\n");
        assertThat(written()).isEmpty();
        assertThat(requests()).containsExactly(new ImapRequest.Refused("a BAD Command not valid in this state", false));
    }

    @Test
    void anOverlongLineIsRefusedAndTheNextCommandStillWorks() {
        channel(LiteralPolicy.ACCEPT);
        send("a NOOP " + "x".repeat(300));
        send("yyy\r\nb NOOP\r\n");
        List<ImapRequest> requests = requests();
        assertThat(requests.get(0)).isEqualTo(new ImapRequest.Refused("* BAD Command line too long", false));
        assertThat(command(requests.get(1)).tag()).isEqualTo("b");
    }

    @Test
    void listsNestedTooDeeplyAreASyntaxError() {
        channel(LiteralPolicy.ACCEPT);
        send("a SEARCH " + "(".repeat(ImapCommandParser.MAX_DEPTH + 1) + "ALL" + ")".repeat(ImapCommandParser.MAX_DEPTH + 1) + "\r\n");
        assertThat(requests()).containsExactly(
                new ImapRequest.Refused("a BAD Syntax error: lists nested too deeply", false));
        send("b SEARCH " + "(".repeat(3) + "ALL" + ")".repeat(3) + "\r\n");
        assertThat(command(requests().get(0)).args()).hasSize(1);
    }

    @Test
    void badQuotingAndUnbalancedListsAreSyntaxErrors() {
        channel(LiteralPolicy.ACCEPT);
        send("a LOGIN \"open\r\nb LIST (x\r\nc LOGIN \"a\\b\" c\r\n");
        assertThat(requests()).extracting(r -> ((ImapRequest.Refused) r).response())
                .allMatch(text -> text.contains(" BAD Syntax error"));
    }

    @Test
    void rawLinesPassAsTheyAreWhenAsked() {
        ImapFrameDecoder decoder = new ImapFrameDecoder(200, APPEND_LIMIT, LiteralPolicy.ACCEPT);
        channel = new EmbeddedChannel(decoder);
        decoder.expectRawLine();
        send("dXNlcg== {5}\r\na NOOP\r\n");
        List<ImapRequest> requests = requests();
        assertThat(requests.get(0)).isEqualTo(new ImapRequest.RawLine("dXNlcg== {5}"));
        assertThat(command(requests.get(1)).name()).isEqualTo("NOOP");
    }

    @Test
    void plaintextPipelinedAfterStarttlsIsDiscarded() {
        ImapFrameDecoder decoder = new ImapFrameDecoder(200, APPEND_LIMIT, LiteralPolicy.ACCEPT);
        channel = new EmbeddedChannel(decoder);
        send("a STARTTLS\r\n");
        assertThat(command(requests().get(0)).name()).isEqualTo("STARTTLS");
        decoder.discardPlaintext();
        send("b LOGIN evil pw\r\n");
        assertThat(requests()).isEmpty();
        decoder.endDiscard();
        send("c NOOP\r\n");
        assertThat(command(requests().get(0)).tag()).isEqualTo("c");
    }
}
