package org.yubin.imap.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yubin.delivery.store.MessageFlags;
import org.yubin.delivery.store.MessageFlags.SystemFlag;
import org.yubin.imap.codec.ImapSyntaxException;
import org.yubin.imap.codec.ImapToken;
import org.yubin.imap.search.ArgumentTokens;

class StoreRequestTest {

    private static final MessageFlags CURRENT = new MessageFlags(EnumSet.of(SystemFlag.SEEN, SystemFlag.FLAGGED),
            Set.of("$Label1", "Work"));

    private static StoreRequest parse(String text) throws ImapSyntaxException {
        return StoreRequest.parse(ArgumentTokens.of(text));
    }

    @Test
    void replaceSetsExactlyTheFlagsGiven() throws Exception {
        StoreRequest request = parse("FLAGS (\\answered \\DELETED $Forwarded)");
        assertThat(request.mode()).isEqualTo(StoreRequest.Mode.REPLACE);
        assertThat(request.silent()).isFalse();
        assertThat(request.apply(CURRENT)).isEqualTo(new MessageFlags(EnumSet.of(SystemFlag.ANSWERED, SystemFlag.DELETED),
                Set.of("$Forwarded")));
        assertThat(parse("FLAGS ()").apply(CURRENT)).isEqualTo(MessageFlags.NONE);
    }

    @Test
    void addAndRemoveKeepTheOtherFlags() throws Exception {
        assertThat(parse("+FLAGS.SILENT \\Draft").apply(CURRENT)).isEqualTo(new MessageFlags(
                EnumSet.of(SystemFlag.SEEN, SystemFlag.FLAGGED, SystemFlag.DRAFT), Set.of("$Label1", "Work")));
        assertThat(parse("+flags.silent \\Draft").silent()).isTrue();
        assertThat(parse("+FLAGS (work)").apply(CURRENT)).isEqualTo(CURRENT);
        assertThat(parse("-FLAGS (\\Seen WORK)").apply(CURRENT))
                .isEqualTo(new MessageFlags(EnumSet.of(SystemFlag.FLAGGED), Set.of("$Label1")));
        assertThat(parse("-FLAGS \\Seen \\Flagged").apply(CURRENT))
                .isEqualTo(new MessageFlags(EnumSet.noneOf(SystemFlag.class), Set.of("$Label1", "Work")));
    }

    @Test
    void unchangedSinceModifier() throws Exception {
        StoreRequest request = parse("(UNCHANGEDSINCE 320162338) +FLAGS.SILENT (\\Deleted)");
        assertThat(request.unchangedSince()).hasValue(320162338);
        assertThat(request.flags().system()).containsExactly(SystemFlag.DELETED);
        assertThat(parse("FLAGS \\Seen").unchangedSince()).isEmpty();
    }

    @Test
    void badStoresAreRefused() {
        for (String bad : List.of("", "FLAGS", "+FLAGS (\\Recent)", "FLAGS (\\Bogus)", "*FLAGS (\\Seen)", "FLAGS.LOUD (\\Seen)",
                "(UNCHANGEDSINCE) FLAGS (\\Seen)", "(FOO 1) FLAGS (\\Seen)", "FLAGS (a]b)", "FLAGS (\"quoted\")",
                "FLAGS (" + "k".repeat(StoreRequest.MAX_KEYWORD + 1) + ")", "FLAGS (\\*)")) {
            assertThatThrownBy(() -> parse(bad)).as(bad).isInstanceOf(ImapSyntaxException.class);
        }
        assertThatThrownBy(() -> StoreRequest.parse(List.of(new ImapToken.Atom("FLAGS"),
                new ImapToken.Atom("(\\Seen")))).isInstanceOf(ImapSyntaxException.class);
    }
}
