package org.yubin.filter;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;
import org.yubin.config.YubinProperties;
import org.yubin.filter.dkim.DkimVerifyProcessor;
import org.yubin.filter.dmarc.DmarcCheckProcessor;
import org.yubin.filter.dmarc.DmarcVerdict;
import org.yubin.filter.spf.OwnMail;
import org.yubin.filter.spf.SpfVerdict;

/**
 * Writes the verdicts of {@code dkimVerify}, {@code spfCheck} and {@code dmarcCheck} as one
 * {@code Authentication-Results: <yubin.hostname>; dkim=...; spf=...; dmarc=...} field
 * (RFC 8601) right below our {@code Received:}: one {@code dkim=} per signature (exchange
 * property {@link DkimVerifyProcessor#RESULTS}, {@code dkim=none} when there is none), then SPF and DMARC
 * when their steps ran. {@code Authentication-Results} fields that name our host and any
 * {@code X-Yubin-Quarantine} the sender wrote are removed first (RFC 8601 section 5);
 * {@code X-Yubin-Quarantine: dmarc} is added when an enforced DMARC policy asks for it.
 * Mail of our own users ({@link OwnMail}) passes untouched. Thread-safe.
 */
@Component("authenticationResults")
public class AuthenticationResultsProcessor implements Processor {

    private static final Pattern PLAIN_VALUE = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+(@[A-Za-z0-9.-]+)?");

    private final String hostname;

    public AuthenticationResultsProcessor(YubinProperties properties) {
        this.hostname = properties.effectiveHostname();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getIn();
        if (OwnMail.is(in)) {
            return;
        }
        List<String> resinfos = new ArrayList<>();
        List<?> dkim = exchange.getProperty(DkimVerifyProcessor.RESULTS, List.of(), List.class);
        if (dkim.isEmpty()) {
            resinfos.add("dkim=none");
        }
        for (Object result : dkim) {
            resinfos.add("dkim=" + result);
        }
        SpfVerdict spf = exchange.getProperty(SpfVerdict.PROPERTY, SpfVerdict.class);
        if (spf != null) {
            resinfos.add("spf=" + spf.result() + " " + spf.property() + "=" + value(spf.identity()));
        }
        DmarcVerdict dmarc = exchange.getProperty(DmarcVerdict.PROPERTY, DmarcVerdict.class);
        if (dmarc != null) {
            resinfos.add("dmarc=" + dmarc.result() + (dmarc.policy() == null ? "" : " (p=" + dmarc.policy() + ")")
                    + (dmarc.headerFrom() == null ? "" : " header.from=" + dmarc.headerFrom()));
        }
        List<String> fields = new ArrayList<>();
        fields.add("Authentication-Results: " + hostname + ";\n\t" + String.join(";\n\t", resinfos));
        if (exchange.getProperty(DmarcCheckProcessor.QUARANTINE) != null) {
            fields.add("X-Yubin-Quarantine: " + exchange.getProperty(DmarcCheckProcessor.QUARANTINE, String.class));
        }
        byte[] message = withoutForgedResults(in.getMandatoryBody(byte[].class));
        in.setBody(HeaderEditor.edit(message, fields, "x-yubin-quarantine"::equals));
    }

    /** A pvalue (RFC 8601 2.2): as is when it is a plain token or address, else a quoted-string. */
    private static String value(String text) {
        if (PLAIN_VALUE.matcher(text).matches()) {
            return text;
        }
        return '"' + text.replaceAll("[\\x00-\\x1f\\x7f]", "").replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** Drops the header fields {@code Authentication-Results: <our hostname>; ...}; everything else is kept byte for byte. */
    private byte[] withoutForgedResults(byte[] message) {
        // made only when a field is dropped: most messages pass as they are, without a copy
        ByteArrayOutputStream out = null;
        int pos = 0;
        while (pos < message.length && message[pos] != '\r' && message[pos] != '\n') {
            int end = pos;
            do {
                while (end < message.length && message[end] != '\n') {
                    end++;
                }
                end = Math.min(end + 1, message.length);
            } while (end < message.length && (message[end] == ' ' || message[end] == '\t'));
            boolean forged = isOurResults(new String(message, pos, end - pos, StandardCharsets.ISO_8859_1));
            if (forged && out == null) {
                out = new ByteArrayOutputStream(message.length);
                out.write(message, 0, pos);
            } else if (!forged && out != null) {
                out.write(message, pos, end - pos);
            }
            pos = end;
        }
        if (out == null) {
            return message;
        }
        out.write(message, pos, message.length - pos);
        return out.toByteArray();
    }

    private boolean isOurResults(String field) {
        int colon = field.indexOf(':');
        if (colon < 0 || !field.substring(0, colon).strip().equalsIgnoreCase("authentication-results")) {
            return false;
        }
        String value = field.substring(colon + 1).replaceAll("\\([^)]*\\)", " ").strip();
        int end = 0;
        while (end < value.length() && value.charAt(end) != ';' && !Character.isWhitespace(value.charAt(end))) {
            end++;
        }
        return value.substring(0, end).toLowerCase(Locale.ROOT).equals(hostname.toLowerCase(Locale.ROOT));
    }
}
