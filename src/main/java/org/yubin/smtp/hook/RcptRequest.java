package org.yubin.smtp.hook;

import java.net.InetAddress;

import org.yubin.directory.MailUser;
import org.yubin.directory.Recipient;
import org.yubin.directory.RecipientResolver;

/**
 * One RCPT command as the hooks see it. The directory is asked at most once per request,
 * and only when a hook wants {@link #recipient()}. Confined to the session's thread.
 */
public final class RcptRequest {

    private final InetAddress clientAddress;
    private final String mailFrom;
    private final String address;
    private final int acceptedSoFar;
    private final RecipientResolver resolver;
    private final MailUser authenticated;
    private Recipient recipient;

    /** A request from a client that did not authenticate. */
    public RcptRequest(InetAddress clientAddress, String mailFrom, String address, int acceptedSoFar,
                       RecipientResolver resolver) {
        this(clientAddress, mailFrom, address, acceptedSoFar, resolver, null);
    }

    /** @param authenticated the AUTH user of the session, {@code null} if none */
    public RcptRequest(InetAddress clientAddress, String mailFrom, String address, int acceptedSoFar,
                       RecipientResolver resolver, MailUser authenticated) {
        this.authenticated = authenticated;
        this.clientAddress = clientAddress;
        this.mailFrom = mailFrom;
        this.address = address;
        this.acceptedSoFar = acceptedSoFar;
        this.resolver = resolver;
    }

    /** The client's IP address, {@code null} if the transport has none. */
    public InetAddress clientAddress() {
        return clientAddress;
    }

    /** The user who logged in with AUTH, {@code null} if none did. */
    public MailUser authenticated() {
        return authenticated;
    }

    /** Reverse path without brackets, empty for the null sender. */
    public String mailFrom() {
        return mailFrom;
    }

    /** The recipient address as given, without brackets. */
    public String address() {
        return address;
    }

    /** Recipients already accepted in this transaction. */
    public int acceptedSoFar() {
        return acceptedSoFar;
    }

    /** What the directory says {@link #address()} is; may block on the directory. */
    public Recipient recipient() {
        if (recipient == null) {
            recipient = resolver.resolve(address);
        }
        return recipient;
    }
}
