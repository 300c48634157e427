package org.yubin.delivery.remote;

import org.yubin.delivery.PermanentDeliveryException;

/** A remote server refused the recipient or the message (5xx), or yubin found it cannot be sent there. */
final class RemotePermanentException extends PermanentDeliveryException implements RemoteFailure {

    private final String relay;
    private final String remoteMta;
    private final String smtpReply;

    RemotePermanentException(String enhancedStatus, String reason, String relay, String remoteMta, String smtpReply) {
        super(enhancedStatus, reason);
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
