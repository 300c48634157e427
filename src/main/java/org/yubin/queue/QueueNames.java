package org.yubin.queue;

import java.util.List;

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
    /** Entries the administrator put on hold ({@code yubin queue hold}); nothing consumes it. */
    public static final String HOLD = "yubin.hold";
    /** Local submission ({@code ops/sendmail}): whole messages, like Postfix's maildrop. */
    public static final String SUBMIT = "yubin.submit";
    /**
     * Not a queue: the command line sends one message per admin action here and the
     * embedded broker logs it ({@link QueueAdminAudit}); no queue is ever bound to it.
     */
    public static final String ADMIN_LOG = "yubin.admin.log";

    /** Every queue that can hold mail, in the order {@code yubin queue list} shows them. */
    public static final List<String> ALL = List.of(SUBMIT, INCOMING, DELIVERY, OUTBOUND, HOLD, DEAD);

    private QueueNames() {
    }
}
