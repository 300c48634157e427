package org.yubin.filter.spf;

import java.util.Set;

import org.apache.camel.Message;
import org.yubin.queue.EnvelopeHeaders;

/**
 * Mail our own users submitted (SMTP AUTH, the submission and smtps listeners, local
 * {@code ops/sendmail}): SPF, DMARC and {@code Authentication-Results} are about mail from
 * other servers, so they skip it.
 */
public final class OwnMail {

    private static final Set<String> OWN_LISTENERS = Set.of("submission", "smtps", "local");

    private OwnMail() {
    }

    public static boolean is(Message in) {
        String authUser = in.getHeader(EnvelopeHeaders.AUTH_USER, String.class);
        return authUser != null && !authUser.isEmpty()
                || OWN_LISTENERS.contains(in.getHeader(EnvelopeHeaders.LISTENER, "", String.class));
    }
}
