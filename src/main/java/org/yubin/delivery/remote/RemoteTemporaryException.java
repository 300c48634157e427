package org.yubin.delivery.remote;

import org.yubin.delivery.TemporaryDeliveryException;

/** A remote server deferred the recipient (4xx), or no server could be reached. */
final class RemoteTemporaryException extends TemporaryDeliveryException implements RemoteFailure {

    private final String relay;
    private final String remoteMta;
    private final String smtpReply;

    RemoteTemporaryException(String enhancedStatus, String reason, String relay, String remoteMta, String smtpReply) {
        super(enhancedStatus, reason, null);
        this.relay = relay;
        this.remoteMta = remoteMta;
        this.smtpReply = smtpReply;
    }

    @Override
    public String relay() { return relay; }

    @Override
    public String remoteMta() { return remoteMta; }

    @Override
    public String smtpReply() { return smtpReply; }
}
