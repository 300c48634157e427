package org.yubin.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MaildirFolderTest {

    @TempDir
    Path home;

    @Test
    void aFolderIsADotDirectoryWithItsOwnCurNewTmpAndTheMaildirfolderMarker() throws IOException {
        Maildir folder = Maildir.at(home.resolve("Maildir")).folder("Lists.yubin");

        Path stored = new MaildirWriter("mx.example.test")
                .deliverOnce(folder, "F1", 1_732_700_000L, false, MaildirWriterTest.crlf("", "x")).path();

        Path dir = home.resolve("Maildir/.Lists.yubin");
        assertThat(folder.directory()).isEqualTo(dir);
        assertThat(stored.getParent()).isEqualTo(dir.resolve("new"));
        assertThat(dir.resolve(Maildir.FOLDER_MARKER)).isRegularFile();
        assertThat(dir.resolve("cur")).isDirectory();
        assertThat(dir.resolve("tmp")).isDirectory();
        assertThat(home.resolve("Maildir/new")).isDirectory();
        assertThat(home.resolve("Maildir/" + Maildir.FOLDER_MARKER)).doesNotExist();
    }

    @Test
    void inboxInAnyCaseIsTheMaildirItself() {
        Maildir inbox = Maildir.at(home.resolve("Maildir"));

        assertThat(inbox.folder("inbox").directory()).isEqualTo(inbox.root());
        assertThat(inbox.folder("INBOX").isInbox()).isTrue();
    }

    @Test
    void nonAsciiNamesAreStoredInModifiedUtf7AsDovecotDoes() {
        assertThat(MaildirFolderName.toDirectoryName("Entwürfe")).isEqualTo(".Entw&APw-rfe");
        assertThat(MaildirFolderName.toDirectoryName("日本語")).isEqualTo(".&ZeVnLIqe-");
        assertThat(MaildirFolderName.toDirectoryName("Tom & Jerry")).isEqualTo(".Tom &- Jerry");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "..", ".", "../../etc", "a/../../b", "/etc", "/", "x/y", "a..b", ".hidden", "trailing.",
        "back\\slash", "nul\u0000byte", "line\nbreak", "~/../x"})
    void folderNamesThatCouldEscapeOrCorruptTheMaildirAreRefusedAndNothingIsCreated(String name) throws IOException {
        Path root = home.resolve("Maildir");

        assertThatThrownBy(() -> Maildir.at(root).folder(name).create()).isInstanceOf(IllegalArgumentException.class);

        try (Stream<Path> anything = Files.list(home)) {
            assertThat(anything).isEmpty();
        }
    }

    @Test
    void aFolderNameLongerThanADirectoryNameMayBeIsRefused() {
        assertThatThrownBy(() -> MaildirFolderName.toDirectoryName("x".repeat(255)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFolderThatIsASymbolicLinkIsNotFollowed() throws IOException {
        Path root = home.resolve("Maildir");
        Path outside = Files.createDirectory(home.resolve("outside"));
        Maildir.at(root).create();
        Files.createSymbolicLink(root.resolve(".Evil"), outside);

        assertThatThrownBy(() -> Maildir.at(root).folder("Evil").create()).isInstanceOf(IOException.class);

        try (Stream<Path> files = Files.list(outside)) {
            assertThat(files).isEmpty();
        }
    }
}
