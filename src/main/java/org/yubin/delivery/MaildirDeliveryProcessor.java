package org.yubin.delivery;

import static org.yubin.log.LogText.printable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.util.Locale;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.yubin.config.YubinProperties;
import org.yubin.delivery.store.MailStore;
import org.yubin.delivery.store.MailboxEvents;
import org.yubin.directory.Recipient;
import org.yubin.directory.RecipientResolver;
import org.yubin.queue.EnvelopeHeaders;

/**
 * Final delivery of one per-recipient message from {@code yubin.delivery} into the
 * recipient's Maildir ({@code <home>/Maildir}, or the folder named by
 * {@link DeliveryHeaders#FOLDER}), adding {@code Return-Path} and {@code Delivered-To}
 * above the message's own {@code Received}.
 *
 * <p>Input: body {@code byte[]} with CRLF line ends, the {@link org.yubin.queue.EnvelopeHeaders}
 * of a single recipient, {@code JMSRedelivered} on a redelivery. Outcome:
 * <ul>
 *   <li>returns normally: delivered, or found already delivered (a redelivery after a
 *       crash writes nothing twice) — the JMS transaction may commit;</li>
 *   <li>{@link TemporaryDeliveryException}: disk full, permissions, directory down — roll back, retry later;</li>
 *   <li>{@link PermanentDeliveryException}: the recipient is no longer a local user, or the envelope is malformed — bounce.</li>
 * </ul>
 * Each outcome is logged in one Postfix-style line. Thread-safe.
 */
@Component("maildirDelivery")
public class MaildirDeliveryProcessor implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(MaildirDeliveryProcessor.class);

    private final RecipientResolver resolver;
    private final MaildirWriter writer;
    private final MailboxEvents events;

    /** @param mailStore whose events tell IMAP sessions (IDLE) of each new message at once */
    public MaildirDeliveryProcessor(RecipientResolver resolver, YubinProperties properties, MailStore mailStore) {
        this.resolver = resolver;
        this.writer = new MaildirWriter(properties.effectiveHostname());
        this.events = mailStore.events();
    }

    @Override
    public void process(Exchange exchange) throws DeliveryException {
        Message in = exchange.getIn();
        DeliveryEnvelope envelope;
        try {
            envelope = DeliveryEnvelope.from(in);
        } catch (PermanentDeliveryException e) {
            String queueId = in.getHeader(EnvelopeHeaders.QUEUE_ID, String.class);
            LOG.warn("{}: status=bounced ({})", queueId == null ? "NOQUEUE" : printable(queueId), e.reason());
            throw e;
        }
        try {
            byte[] message = in.getBody(byte[].class);
            if (message == null) {
                throw new PermanentDeliveryException("5.6.0", "malformed envelope: no message body");
            }
            String folder = in.getHeader(DeliveryHeaders.FOLDER, String.class);
            Maildir mailbox = mailbox(envelope, localUser(envelope), folder);
            StoredMessage stored = store(envelope, mailbox, message);
            if (!stored.alreadyPresent()) {
                events.changed(mailbox.directory());
            }
            String status = stored.alreadyPresent() ? "sent (already delivered)"
                    : mailbox.isInbox() ? "sent (delivered to maildir)"
                    : "sent (delivered to maildir folder \"" + printable(folder) + "\")";
            LOG.info("{}", logLine(envelope, status));
        } catch (TemporaryDeliveryException e) {
            LOG.warn("{}", logLine(envelope, "deferred (" + e.reason() + ")"));
            throw e;
        } catch (PermanentDeliveryException e) {
            LOG.warn("{}", logLine(envelope, "bounced (" + e.reason() + ")"));
            throw e;
        }
    }

    private Recipient.Local localUser(DeliveryEnvelope envelope) throws DeliveryException {
        Recipient recipient;
        try {
            recipient = resolver.resolve(envelope.recipient());
        } catch (RuntimeException e) {
            throw new TemporaryDeliveryException("4.3.0", "directory lookup failed: " + e, e);
        }
        if (recipient instanceof Recipient.Local local) {
            return local;
        }
        if (recipient instanceof Recipient.Unknown || recipient == null) {
            throw new PermanentDeliveryException("5.1.1", "unknown user: \"" + printable(envelope.recipient()) + "\"");
        }
        throw new PermanentDeliveryException("5.1.1", "recipient is no longer a local mailbox");
    }

    /** The INBOX, or the requested folder; a folder name that is refused falls back to the INBOX. */
    private static Maildir mailbox(DeliveryEnvelope envelope, Recipient.Local local, String folder) {
        Maildir inbox = Maildir.at(local.user().maildir());
        if (folder == null || folder.isEmpty()) {
            return inbox;
        }
        try {
            return inbox.folder(folder);
        } catch (IllegalArgumentException e) {
            LOG.warn("{}: to=<{}>, folder \"{}\" refused ({}), delivering to INBOX",
                    envelope.queueId(), printable(envelope.recipient()), printable(folder), e.getMessage());
            return inbox;
        }
    }

    private StoredMessage store(DeliveryEnvelope envelope, Maildir mailbox, byte[] message) throws TemporaryDeliveryException {
        byte[] trace = ("Return-Path: <" + envelope.mailFrom() + ">\r\n"
                + "Delivered-To: " + envelope.recipient() + "\r\n").getBytes(StandardCharsets.UTF_8);
        try {
            return writer.deliverOnce(mailbox, envelope.queueId(), envelope.arrivalEpochSeconds(),
                    envelope.redelivered(), trace, message);
        } catch (IOException e) {
            throw temporary(e);
        }
    }

    /** Disk full and quota get their own RFC 3463 codes; the reason names the file but carries no stack trace. */
    private static TemporaryDeliveryException temporary(IOException e) {
        String why;
        if (e instanceof AccessDeniedException denied) {
            why = "permission denied: " + denied.getFile();
        } else if (e instanceof FileSystemException fs) {
            why = (fs.getReason() != null ? fs.getReason() : fs.getClass().getSimpleName()) + ": " + fs.getFile();
        } else {
            why = String.valueOf(e.getMessage());
        }
        String lower = why.toLowerCase(Locale.ROOT);
        String status = lower.contains("no space left") ? "4.3.1" : lower.contains("quota") ? "4.2.2" : "4.2.0";
        return new TemporaryDeliveryException(status, "maildir delivery failed: " + printable(why), e);
    }

    private static String logLine(DeliveryEnvelope envelope, String status) {
        StringBuilder line = new StringBuilder(160)
                .append(envelope.queueId()).append(": to=<").append(printable(envelope.recipient())).append('>');
        if (envelope.originalRecipient() != null && !envelope.originalRecipient().isEmpty()) {
            line.append(", orig_to=<").append(printable(envelope.originalRecipient())).append('>');
        }
        return line.append(", relay=local, delay=").append(LogDelay.since(envelope.arrivalMillis()))
                .append(", status=").append(status).toString();
    }
}
