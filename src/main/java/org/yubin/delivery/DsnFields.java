package org.yubin.delivery;

/**
 * Names through which a delivery step tells the DSN steps ({@code dsnBounce},
 * {@code dsnDelayWarning}) what happened, beyond the {@link DeliveryException} itself.
 */
public final class DsnFields {

    /** Exchange property: host name of the remote server that answered ({@code Remote-MTA: dns; ...}). */
    public static final String REMOTE_MTA = "YubinDsnRemoteMta";
    /** Exchange property: the remote server's reply ({@code Diagnostic-Code: smtp; ...}). */
    public static final String SMTP_REPLY = "YubinDsnSmtpReply";
    /**
     * Exchange property: the {@link TemporaryDeliveryException} of an attempt after which the
     * sender is due a delay warning; set, the route sends the marked copy back to the
     * queue and the warning to the sender.
     */
    public static final String DELAY_WARNING = "YubinDelayWarning";
    /** Exchange property the DSN steps set: {@link #OUTCOME_QUEUED}, {@link #OUTCOME_NONE} or {@link #OUTCOME_UNUSABLE}. */
    public static final String OUTCOME = "YubinDsnOutcome";
    /** The exchange now holds the DSN, ready for {@code yubin.incoming}. */
    public static final String OUTCOME_QUEUED = "queued";
    /** No DSN is due (the failed message was itself a bounce: null sender); the entry is done. */
    public static final String OUTCOME_NONE = "none";
    /** The envelope is unusable, no DSN can be made: the entry is kept in {@code yubin.dead}. */
    public static final String OUTCOME_UNUSABLE = "unusable";
    /** Message header: the sender has had its delay warning for this recipient. */
    public static final String DELAY_WARNED = "YubinDelayWarned";

    private DsnFields() {
    }
}
