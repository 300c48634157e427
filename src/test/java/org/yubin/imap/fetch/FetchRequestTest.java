package org.yubin.imap.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.yubin.imap.codec.ImapSyntaxException;
import org.yubin.imap.codec.ImapToken;
import org.yubin.imap.codec.ImapToken.Atom;
import org.yubin.imap.codec.ImapToken.ListToken;
import org.yubin.imap.message.SectionSpec;

class FetchRequestTest {

    private static Atom atom(String value) {
        return new Atom(value);
    }

    private static ListToken list(ImapToken... items) {
        return new ListToken(List.of(items));
    }

    @Test
    void macrosExpandToTheirItems() throws Exception {
        assertThat(FetchRequest.parse(List.of(atom("fast")), false).items()).containsExactly(
                FetchItem.Simple.FLAGS, FetchItem.Simple.INTERNALDATE, FetchItem.Simple.RFC822_SIZE);
        assertThat(FetchRequest.parse(List.of(atom("ALL")), false).items()).endsWith(FetchItem.Simple.ENVELOPE);
        FetchRequest full = FetchRequest.parse(List.of(atom("FULL")), false);
        assertThat(full.items()).endsWith(FetchItem.Simple.ENVELOPE, FetchItem.Simple.BODY);
        assertThat(full.needsContent()).isTrue();
        assertThat(full.setsSeen()).isFalse();
    }

    @Test
    void uidFetchAlwaysIncludesUidFirst() throws Exception {
        FetchRequest request = FetchRequest.parse(List.of(list(atom("FLAGS"), atom("UID"))), true);
        assertThat(request.items()).containsExactly(FetchItem.Simple.UID, FetchItem.Simple.FLAGS);
        assertThat(request.needsContent()).isFalse();
    }

    @Test
    void bodySectionsWithPartialAndPeek() throws Exception {
        FetchRequest request = FetchRequest.parse(List.of(list(atom("BODY.PEEK[1.2.MIME]<0.100>"), atom("body[]"))), false);
        FetchItem.Section peek = (FetchItem.Section) request.items().get(0);
        assertThat(peek.peek()).isTrue();
        assertThat(peek.section().part()).containsExactly(1, 2);
        assertThat(peek.section().kind()).isEqualTo(SectionSpec.Kind.MIME);
        assertThat(peek.origin()).isZero();
        assertThat(peek.count()).isEqualTo(100);
        assertThat(((FetchItem.Section) request.items().get(1)).partial()).isFalse();
        assertThat(request.setsSeen()).isTrue();
        assertThat(request.needsContent()).isTrue();
    }

    @Test
    void headerFieldsAreReadFromOneAtomOrFromAtomListAndClosingAtom() throws Exception {
        FetchRequest oneAtom = FetchRequest.parse(List.of(atom("BODY.PEEK[HEADER.FIELDS (Date From)]<5.10>")), false);
        FetchRequest split = FetchRequest.parse(List.of(list(atom("UID"), atom("BODY.PEEK[HEADER.FIELDS"),
                list(atom("Date"), new ImapToken.Str("From".getBytes(StandardCharsets.US_ASCII), false)), atom("]<5.10>"),
                atom("FLAGS"))), false);
        FetchItem.Section expected = (FetchItem.Section) oneAtom.items().get(0);
        assertThat(expected.section().fieldNames()).containsExactly("Date", "From");
        assertThat(split.items()).containsExactly(FetchItem.Simple.UID, expected, FetchItem.Simple.FLAGS);
        assertThat(oneAtom.setsSeen()).isFalse();
    }

    @Test
    void rfc822ItemsAndTheirSeenEffect() throws Exception {
        assertThat(FetchRequest.parse(List.of(atom("RFC822.HEADER")), false).setsSeen()).isFalse();
        assertThat(FetchRequest.parse(List.of(atom("RFC822.TEXT")), false).setsSeen()).isTrue();
        assertThat(FetchRequest.parse(List.of(atom("RFC822")), false).setsSeen()).isTrue();
        assertThat(FetchRequest.parse(List.of(atom("RFC822.SIZE")), false).needsContent()).isFalse();
        assertThat(FetchRequest.parse(List.of(atom("BODYSTRUCTURE")), false).needsContent()).isTrue();
    }

    @Test
    void binaryItems() throws Exception {
        FetchRequest request = FetchRequest.parse(List.of(list(atom("BINARY[1]<0.10>"), atom("BINARY.PEEK[2]"),
                atom("BINARY.SIZE[3]"))), false);
        assertThat(((FetchItem.Section) request.items().get(0)).binary()).isTrue();
        assertThat(request.items().get(2)).isEqualTo(new FetchItem.BinarySize(List.of(3)));
        assertThat(request.setsSeen()).isTrue();
        assertThatThrownBy(() -> FetchRequest.parse(List.of(atom("BINARY[HEADER]")), false))
                .isInstanceOf(ImapSyntaxException.class);
        assertThatThrownBy(() -> FetchRequest.parse(List.of(atom("BINARY.SIZE[1]<0.5>")), false))
                .isInstanceOf(ImapSyntaxException.class);
    }

    @Test
    void changedSinceImpliesModSeqAndVanishedNeedsUidFetch() throws Exception {
        FetchRequest request = FetchRequest.parse(List.of(list(atom("FLAGS")), list(atom("CHANGEDSINCE"), atom("12345"))), false);
        assertThat(request.changedSince()).hasValue(12345);
        assertThat(request.wantsModSeq()).isTrue();
        assertThat(FetchRequest.parse(List.of(atom("MODSEQ")), false).wantsModSeq()).isTrue();
        assertThat(FetchRequest.parse(List.of(atom("FLAGS")), false).wantsModSeq()).isFalse();
        FetchRequest vanished = FetchRequest.parse(List.of(atom("FLAGS"),
                list(atom("changedsince"), atom("7"), atom("VANISHED"))), true);
        assertThat(vanished.vanished()).isTrue();
        assertThatThrownBy(() -> FetchRequest.parse(List.of(atom("FLAGS"), list(atom("CHANGEDSINCE"), atom("7"),
                atom("VANISHED"))), false)).isInstanceOf(ImapSyntaxException.class);
    }

    @Test
    void badSyntaxIsRefused() {
        List<List<ImapToken>> bad = List.of(
                List.of(),
                List.of(list()),
                List.of(atom("BOGUS")),
                List.of(list(atom("ALL"))),
                List.of(atom("BODY[1")),
                List.of(atom("BODY[]<0.0>")),
                List.of(atom("BODY[]<x.5>")),
                List.of(atom("BODY.PEEK[HEADER.FIELDS ()]")),
                List.of(atom("FLAGS"), atom("UID")),
                List.of(atom("FLAGS"), list(atom("CHANGEDSINCE"))),
                List.of(atom("FLAGS"), list(atom("CHANGEDSINCE"), atom("-1"))),
                List.of(atom("FLAGS"), list(atom("FOO"))),
                List.of(new ImapToken.Str("FLAGS".getBytes(StandardCharsets.US_ASCII), false)));
        for (List<ImapToken> args : bad) {
            assertThatThrownBy(() -> FetchRequest.parse(args, false)).as(args.toString())
                    .isInstanceOf(ImapSyntaxException.class);
        }
    }
}
