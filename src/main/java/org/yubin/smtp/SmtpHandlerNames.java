package org.yubin.smtp;

/** Names of the handlers in an SMTP channel pipeline, in pipeline order. */
public final class SmtpHandlerNames {

    /** TLS: first from the start (SMTPS), or inserted in front by STARTTLS. */
    public static final String TLS = "smtp-tls";
    /** Refuses a client holding too many connections. */
    public static final String CONNECTION_LIMIT = "smtp-connection-limit";
    /** Closes a silent session with 421 4.4.2. */
    public static final String IDLE_TIMEOUT = "smtp-idle-timeout";
    /** {@link SmtpReply} to bytes. */
    public static final String REPLY_ENCODER = "smtp-reply-encoder";
    /** Bytes to command lines, DATA content and BDAT chunks. */
    public static final String FRAME_DECODER = "smtp-frame-decoder";
    /** The protocol state machine. */
    public static final String SESSION = "smtp-session";
    /** Hands accepted messages to the Camel route. */
    public static final String CAMEL = "smtp-camel";

    private SmtpHandlerNames() {
    }
}
