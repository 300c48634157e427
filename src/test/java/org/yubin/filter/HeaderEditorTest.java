package org.yubin.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class HeaderEditorTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Test
    void newFieldsGoAfterOurFoldedReceivedFieldAndTheBodyIsKeptByteForByte() {
        String message = "Received: from a\r\n\tby mx id X;\r\n\tdate\r\nSubject: hi\r\n\r\nbody \u00e9\r\nX-Virus-Status: No\r\n";
        byte[] edited = HeaderEditor.edit(bytes(message), List.of("X-Virus-Status: No"), name -> false);
        assertThat(text(edited)).isEqualTo("Received: from a\r\n\tby mx id X;\r\n\tdate\r\nX-Virus-Status: No\r\n"
                + "Subject: hi\r\n\r\nbody \u00e9\r\nX-Virus-Status: No\r\n");
    }

    @Test
    void withoutAReceivedFieldNewFieldsGoOnTopAndFoldedLinesGetCrlf() {
        byte[] edited = HeaderEditor.edit(bytes("Subject: hi\r\n\r\nbody\r\n"),
                List.of("X-Spam-Status: No, score=0.1\n\ttests=NONE"), name -> false);
        assertThat(text(edited)).isEqualTo("X-Spam-Status: No, score=0.1\r\n\ttests=NONE\r\nSubject: hi\r\n\r\nbody\r\n");
    }

    @Test
    void ownedFieldsTheSenderWroteAreDroppedWithTheirContinuationLinesButNotInTheBody() {
        String message = "Received: by mx\r\nx-virus-status: No\r\nSubject: a\r\nX-Virus-Name: fake\r\n\tmore\r\n"
                + "To: b\r\n\r\nX-Virus-Status: No\r\n";
        byte[] edited = HeaderEditor.edit(bytes(message), List.of("X-Virus-Status: Yes"), name -> name.startsWith("x-virus-"));
        assertThat(text(edited)).isEqualTo("Received: by mx\r\nX-Virus-Status: Yes\r\nSubject: a\r\nTo: b\r\n\r\nX-Virus-Status: No\r\n");
    }

    @Test
    void aMessageWithoutBodyOrFinalLineBreakKeepsItsLastField() {
        byte[] edited = HeaderEditor.edit(bytes("Received: by mx\r\nSubject: no end"), List.of("X-A: 1"), name -> false);
        assertThat(text(edited)).isEqualTo("Received: by mx\r\nX-A: 1\r\nSubject: no end");
    }
}
