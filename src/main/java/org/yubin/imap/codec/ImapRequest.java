package org.yubin.imap.codec;

import java.util.List;

/** What {@link ImapFrameDecoder} hands to the session: a command, a raw continuation line, or a refusal. */
public sealed interface ImapRequest {

    /**
     * A complete command.
     *
     * @param tag  the client's tag
     * @param name the command in upper case; {@code UID FETCH} etc. for the UID forms
     * @param args the arguments after the command name
     */
    record Command(String tag, String name, List<ImapToken> args) implements ImapRequest {
    }

    /** A line read as it is: a SASL response during AUTHENTICATE, {@code DONE} during IDLE. */
    record RawLine(String text) implements ImapRequest {
    }

    /**
     * Input the decoder refused; the session writes {@code response} (a complete line without
     * CRLF, tagged where the tag was known) and closes the connection if {@code close}.
     */
    record Refused(String response, boolean close) implements ImapRequest {
    }
}
