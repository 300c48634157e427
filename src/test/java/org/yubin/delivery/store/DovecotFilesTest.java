package org.yubin.delivery.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yubin.delivery.MaildirFolderName;

/** The Dovecot file formats: dovecot-uidlist, file names, dovecot-keywords, folder names. */
class DovecotFilesTest {

    /** Written by Dovecot 2.3 (doveadm save twice, then a file put into cur/ by hand and synced): N is not updated on append. */
    private static final String DOVECOT_UIDLIST = """
            3 V1795832834 N3 Gb9d6781b023c0a6bd043000083ecc375
            1 :1795832834.M460217P17360.vm,S=18,W=21
            2 :1795832834.M479798P17362.vm,S=19,W=22
            3 :1795832900.M1P1.other
            """;

    @TempDir
    Path dir;

    @Test
    void aUidlistWrittenByDovecotIsReadAndWrittenBackUnchangedApartFromTheNextUid() throws IOException {
        Files.writeString(dir.resolve("dovecot-uidlist"), DOVECOT_UIDLIST);

        UidList list = UidList.read(dir);

        assertThat(list.uidValidity()).isEqualTo(1795832834L);
        assertThat(list.nextUid()).isEqualTo(4);
        assertThat(list.guid()).isEqualTo("b9d6781b023c0a6bd043000083ecc375");
        assertThat(list.get("1795832900.M1P1.other").uid()).isEqualTo(3);
        list.write(dir);
        assertThat(Files.readString(dir.resolve("dovecot-uidlist"))).isEqualTo(DOVECOT_UIDLIST.replace(" N3 ", " N4 "));
    }

    @Test
    void extensionFieldsAndUnknownHeaderFieldsSurviveARoundTrip() throws IOException {
        String text = "3 V1700000000 N10 G00112233445566778899aabbccddeeff X7\n"
                + "4 W120 S118 :1700000000.M1P2.host\n"
                + "9 Zsomething :1700000001.M1P2.host\n";
        UidList list = UidList.parse(text.lines().toList());

        assertThat(list.format()).isEqualTo(text);
        assertThat(list.get("1700000000.M1P2.host").virtualSize()).isEqualTo(120);
        assertThat(list.get("1700000000.M1P2.host").extensions()).isEqualTo(Map.of('W', "120", 'S', "118"));
        UidList.Entry added = list.add("1700000002.M1P2.host", Map.of());
        assertThat(added.uid()).isEqualTo(10);
        list.remove("1700000002.M1P2.host");
        assertThat(list.add("1700000003.M1P2.host", Map.of()).uid()).as("UIDs are never reused").isEqualTo(11);
    }

    @Test
    void versionOneIsReadAndBadHeadersAreRefused() throws IOException {
        UidList old = UidList.parse(List.of("1 1100000000 5", "3 1100000000.123_1.host:2,S", "4 1100000001.124_1.host"));
        assertThat(old.uidValidity()).isEqualTo(1100000000L);
        assertThat(old.get("1100000000.123_1.host").uid()).isEqualTo(3);
        assertThat(old.nextUid()).isEqualTo(5);
        assertThat(old.format()).startsWith("3 V1100000000 N5 G");

        assertThatThrownBy(() -> UidList.parse(List.of("3 N5"))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> UidList.parse(List.of("9 V1 N1"))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> UidList.parse(List.of("garbage"))).isInstanceOf(IOException.class);
    }

    @Test
    void fileNamesSplitIntoBaseAndInfoAndCarryTheirSizes() {
        MaildirFileName name = MaildirFileName.parse("1795832834.M460217P17360.vm,S=18,W=21:2,Sa");
        assertThat(name.base()).isEqualTo("1795832834.M460217P17360.vm,S=18,W=21");
        assertThat(name.info()).isEqualTo("Sa");
        assertThat(name.size()).hasValue(18);
        assertThat(name.virtualSize()).hasValue(21);
        assertThat(name.withInfo("bTSaF").format()).isEqualTo("1795832834.M460217P17360.vm,S=18,W=21:2,FSTab");

        MaildirFileName fresh = MaildirFileName.parse("1700000000.M1P1.other");
        assertThat(fresh.info()).isEmpty();
        assertThat(fresh.size()).isEmpty();
        assertThat(fresh.format()).isEqualTo("1700000000.M1P1.other:2,");
        assertThat(MaildirFileName.parse("x,S=abc:2,").size()).isEmpty();
    }

    @Test
    void keywordsMapToLettersThroughDovecotKeywords() throws IOException {
        Files.writeString(dir.resolve("dovecot-keywords"), "0 $Forwarded\n1 junk\nnonsense\n30 far\n");
        KeywordTable table = KeywordTable.read(dir);

        assertThat(table.keywords("FSab")).containsExactly("$Forwarded", "junk");
        assertThat(table.letter("JUNK")).isEqualTo('b');
        assertThat(table.assign("work")).isEqualTo('c');
        table.write(dir);
        assertThat(Files.readString(dir.resolve("dovecot-keywords"))).isEqualTo("0 $Forwarded\n1 junk\n2 work\n");
        for (int i = 3; i < KeywordTable.MAX_KEYWORDS; i++) {
            table.assign("k" + i);
        }
        assertThatThrownBy(() -> table.assign("one too many")).isInstanceOf(IOException.class);
    }

    @Test
    void folderDirectoryNamesDecodeBackToUnicode() {
        for (String name : List.of("Entwürfe", "Lists.yubin", "A&B", "日本語.メール", "Sent Messages", "x&y&APw-")) {
            String directory = MaildirFolderName.toDirectoryName(name);
            assertThat(MaildirFolderName.fromDirectoryName(directory)).as(directory).isEqualTo(name);
        }
        assertThat(MaildirFolderName.fromDirectoryName(".Entw&APw-rfe")).isEqualTo("Entwürfe");
        for (String bad : List.of("Sent", ".", "..", ".a..b", ".&APw", ".&A-", ".&*-", ".x/y", "..DOVECOT-TRASHED")) {
            assertThatThrownBy(() -> MaildirFolderName.fromDirectoryName(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void messagesAreServedWithCrlfLineEndsOfExactlyTheVirtualSize() throws IOException {
        byte[] stored = "a\nb\r\n\nend".getBytes(StandardCharsets.US_ASCII);
        try (InputStream in = new CrlfInputStream(new ByteArrayInputStream(stored))) {
            byte[] served = in.readAllBytes();
            assertThat(new String(served, StandardCharsets.US_ASCII)).isEqualTo("a\r\nb\r\n\r\nend");
            assertThat((long) served.length).isEqualTo(CrlfInputStream.virtualSize(new ByteArrayInputStream(stored)));
        }
        try (InputStream in = new CrlfInputStream(new ByteArrayInputStream(stored))) {
            StringBuilder oneByOne = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0) {
                oneByOne.append((char) c);
            }
            assertThat(oneByOne).hasToString("a\r\nb\r\n\r\nend");
        }
    }
}
