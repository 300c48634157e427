package org.yubin.filter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.yubin.config.YubinProperties;
import org.yubin.directory.Recipient;
import org.yubin.directory.RecipientResolver;
import org.yubin.queue.EnvelopeHeaders;
import org.yubin.smtp.SmtpRejectException;
import org.yubin.smtp.SmtpReply;

/**
 * The spam check step ({@code process: {ref: spamdCheck}} in {@code routes/filters.yaml}):
 * asks spamd ({@link SpamdClient}) and adds SpamAssassin's own {@code X-Spam-*} fields
 * unchanged, after removing any the sender wrote.
 * <ul>
 * <li>score at or above {@code yubin.spamd.reject-score} (when set): {@code 554 5.7.1 Spam message rejected};</li>
 * <li>larger than {@code yubin.spamd.max-size}: not checked, one log line;</li>
 * <li>spamd unreachable, too slow or in error: {@code yubin.spamd.on-failure} ({@link FailurePolicy}).</li>
 * </ul>
 * {@code User:} is the login of the recipient when the message has exactly one final
 * recipient and it is a local mailbox ({@code yubin.spamd.user: recipient}); several
 * recipients share one copy of the headers, so they get spamd's defaults. With
 * {@code yubin.spamd.address} unset the step passes mail on untouched (logged once at start).
 * Settings are read once; wrong ones fail the start. Thread-safe.
 */
@Component("spamdCheck")
public class SpamdProcessor implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(SpamdProcessor.class);

    private final SpamdClient client;
    private final RecipientResolver resolver;
    private final FailurePolicy onFailure;
    private final long maxSize;
    private final Double rejectScore;
    private final boolean perUser;

    public SpamdProcessor(YubinProperties properties, RecipientResolver resolver) {
        YubinProperties.Spamd settings = properties.getSpamd();
        this.resolver = resolver;
        this.onFailure = FailurePolicy.parse("yubin.spamd.on-failure", settings.getOnFailure());
        this.maxSize = settings.getMaxSize();
        this.rejectScore = settings.getRejectScore();
        this.perUser = switch (settings.getUser().strip().toLowerCase(Locale.ROOT)) {
            case "recipient" -> true;
            case "none" -> false;
            default -> throw new IllegalArgumentException(
                    "yubin.spamd.user: expected recipient or none, got '" + settings.getUser() + "'");
        };
        if (settings.getAddress() == null || settings.getAddress().isBlank()) {
            this.client = null;
            LOG.info("spamdCheck: spam checking is off (yubin.spamd.address is unset); mail passes unchecked");
        } else {
            this.client = new SpamdClient(DaemonAddress.parse("yubin.spamd.address", settings.getAddress()),
                    settings.getTimeout());
            LOG.info("spamdCheck: checking with spamd at {}, reject-score={}, on-failure={}, max-size={}, user={}",
                    client.address(), rejectScore == null ? "none" : rejectScore, onFailure, maxSize,
                    perUser ? "recipient" : "none");
        }
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        if (client == null) {
            return;
        }
        Message in = exchange.getIn();
        byte[] message = in.getMandatoryBody(byte[].class);
        String queueId = in.getHeader(EnvelopeHeaders.QUEUE_ID, String.class);
        Object from = in.getHeader(EnvelopeHeaders.MAIL_FROM);
        if (message.length > maxSize) {
            LOG.info("{}: spamdCheck: from=<{}>, size={}, status=skipped (larger than max-size {})",
                    queueId, from, message.length, maxSize);
            in.setBody(withSpamHeaders(message, List.of()));
            return;
        }
        String user = perUser ? onlyLocalRecipient(in) : null;
        SpamdVerdict verdict;
        try {
            verdict = client.check(message, user);
        } catch (IOException e) {
            LOG.warn("{}: spamdCheck: from=<{}>, status=unavailable ({}), policy={}", queueId, from, e.getMessage(), onFailure);
            SmtpRejectException refusal = onFailure.refusal();
            if (refusal != null) {
                throw refusal;
            }
            in.setBody(withSpamHeaders(message, List.of()));
            return;
        }
        boolean reject = rejectScore != null && verdict.score() >= rejectScore;
        LOG.info("{}: spamdCheck: client={}, from=<{}>, user={}, status={}, score={}, required={}{}", queueId,
                in.getHeader(EnvelopeHeaders.CLIENT_ADDRESS), from, user == null ? "-" : user,
                verdict.spam() ? "spam" : "ham", verdict.score(), verdict.threshold(), reject ? ", action=reject" : "");
        if (reject) {
            throw new SmtpRejectException(new SmtpReply(554, "5.7.1", "Spam message rejected"));
        }
        in.setBody(withSpamHeaders(message, verdict.headerFields()));
    }

    /** The login of the only final recipient when it is a local mailbox, else {@code null}. */
    private String onlyLocalRecipient(Message in) {
        List<Recipient> finals = new ArrayList<>();
        for (String address : in.getHeader(EnvelopeHeaders.RECIPIENTS, "", String.class).split("\n")) {
            if (!address.isBlank()) {
                finals.addAll(resolver.expand(address.strip()));
            }
        }
        if (finals.size() == 1 && finals.get(0) instanceof Recipient.Local local) {
            return local.user().login();
        }
        return null;
    }

    private static byte[] withSpamHeaders(byte[] message, List<String> fields) {
        return HeaderEditor.edit(message, fields, name -> name.startsWith("x-spam-"));
    }
}
