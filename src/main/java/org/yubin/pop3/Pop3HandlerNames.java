package org.yubin.pop3;

/** Names of the handlers in a POP3 channel pipeline, in pipeline order. */
public final class Pop3HandlerNames {

    /** TLS: first from the start (POP3S), or inserted in front by STLS. */
    public static final String TLS = "pop3-tls";
    /** Refuses connections beyond the listener's limit with {@code -ERR [SYS/TEMP]}. */
    public static final String CONNECTION_LIMIT = "pop3-connection-limit";
    /** Ends a silent session. */
    public static final String IDLE_TIMEOUT = "pop3-idle-timeout";
    /** {@link org.yubin.pop3.codec.Pop3Reply} to bytes. */
    public static final String REPLY_ENCODER = "pop3-reply-encoder";
    /** Feeds message content (RETR, TOP) as fast as the client reads it. */
    public static final String CONTENT_WRITER = "pop3-content-writer";
    /** Bytes to command lines. */
    public static final String LINE_DECODER = "pop3-line-decoder";
    /** The protocol state machine. */
    public static final String SESSION = "pop3-session";

    private Pop3HandlerNames() {
    }
}
