package org.yubin.smtp;

import java.util.List;

/**
 * A message the session has received in full and hands to Camel: the envelope and the
 * content as it will be queued (one {@code Received:} header prepended, CRLF line endings).
 *
 * @param clientAddress the client's IP address as text, empty when unknown
 * @param arrivalTime   epoch milliseconds at the end of DATA / BDAT LAST
 * @param authUser      the SMTP AUTH login, {@code null} when the client did not authenticate
 */
public record AcceptedMessage(String queueId, String listener, String mailFrom, List<String> recipients,
                              String clientAddress, String helo, long arrivalTime, byte[] content, String authUser) {

    public AcceptedMessage {
        recipients = List.copyOf(recipients);
    }
}
