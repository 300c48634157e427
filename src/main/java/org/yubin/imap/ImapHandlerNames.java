package org.yubin.imap;

/** Names of the handlers in an IMAP channel pipeline, in pipeline order. */
public final class ImapHandlerNames {

    /** TLS: first from the start (IMAPS), or inserted in front by STARTTLS. */
    public static final String TLS = "imap-tls";
    /** Refuses connections beyond the listener's limit with {@code * BYE}. */
    public static final String CONNECTION_LIMIT = "imap-connection-limit";
    /** Logs out a silent session (RFC 3501 5.4 autologout), IDLE included. */
    public static final String IDLE_TIMEOUT = "imap-idle-timeout";
    /** Response text and bytes to buffers. */
    public static final String RESPONSE_ENCODER = "imap-response-encoder";
    /** Bytes to commands with their literals. */
    public static final String FRAME_DECODER = "imap-frame-decoder";
    /** The protocol state machine. */
    public static final String SESSION = "imap-session";

    private ImapHandlerNames() {
    }
}
