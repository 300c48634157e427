package org.yubin.queue;

/** The queues of the mail flow; the routes in {@code routes/} name the same ones. */
public final class QueueNames {

    /** Accepted messages, one per SMTP transaction, before alias expansion. */
    public static final String INCOMING = "yubin.incoming";
    /** One message per final local recipient. */
    public static final String DELIVERY = "yubin.delivery";
    /** One message per remote recipient, for outbound SMTP. */
    public static final String OUTBOUND = "yubin.outbound";
    /** Messages that failed permanently or ran out of retries; held for the administrator. */
    public static final String DEAD = "yubin.dead";

    private QueueNames() {
    }
}
