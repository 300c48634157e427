package org.yubin.imap.message;

import java.util.ArrayList;
import java.util.List;
import org.yubin.imap.codec.ImapResponseWriter;

/**
 * Writes ENVELOPE, BODY and BODYSTRUCTURE (RFC 3501 section 7.4.2) the way Dovecot does for
 * the same bytes: values as written (types, parameters and encoded words keep their case and
 * encoding), {@code charset us-ascii} added to text parts that name none, sizes in octets
 * and lines as LF counts.
 */
final class StructureWriter {

    private StructureWriter() {
    }

    static void envelope(ImapResponseWriter w, MimePart message) {
        w.raw('(');
        w.nstring(message.header("Date")).space();
        w.nstring(message.header("Subject")).space();
        List<EnvelopeAddress> from = addresses(message, "From");
        addressList(w, from);
        w.space();
        List<EnvelopeAddress> sender = addresses(message, "Sender");
        addressList(w, sender.isEmpty() ? from : sender);
        w.space();
        List<EnvelopeAddress> replyTo = addresses(message, "Reply-To");
        addressList(w, replyTo.isEmpty() ? from : replyTo);
        for (String field : new String[] {"To", "Cc", "Bcc"}) {
            w.space();
            addressList(w, addresses(message, field));
        }
        w.space().nstring(message.header("In-Reply-To"));
        w.space().nstring(message.header("Message-ID"));
        w.raw(')');
    }

    static void bodyStructure(ImapResponseWriter w, MimePart part, boolean extensible) {
        w.raw('(');
        if (part.isMultipart()) {
            for (MimePart child : part.children()) {
                bodyStructure(w, child, extensible);
            }
            w.space().string(part.subtype());
            if (extensible) {
                w.space();
                parameters(w, part.contentType().parameters(), false);
                extension(w, part);
            }
        } else {
            w.string(part.type()).space().string(part.subtype()).space();
            parameters(w, part.contentType().parameters(), part.isText());
            w.space().nstring(part.header("Content-ID"));
            w.space().nstring(part.header("Content-Description"));
            String encoding = part.header("Content-Transfer-Encoding");
            w.space().string(encoding == null || encoding.isEmpty() ? "7bit" : encoding);
            w.space().number(part.bodySize());
            if (part.isText()) {
                w.space().number(part.bodyLines());
            } else if (part.isMessage()) {
                w.space();
                envelope(w, part.message());
                w.space();
                bodyStructure(w, part.message(), extensible);
                w.space().number(part.bodyLines());
            }
            if (extensible) {
                w.space().nstring(part.header("Content-MD5"));
                extension(w, part);
            }
        }
        w.raw(')');
    }

    /** Disposition, language and location: the extension data both kinds of part end with. */
    private static void extension(ImapResponseWriter w, MimePart part) {
        w.space();
        String disposition = part.header("Content-Disposition");
        if (disposition == null) {
            w.raw("NIL");
        } else {
            ParameterizedValue value = ParameterizedValue.parse(disposition);
            w.raw('(').string(value.value()).space();
            parameters(w, value.parameters(), false);
            w.raw(')');
        }
        w.space();
        String language = part.header("Content-Language");
        List<String> languages = new ArrayList<>();
        if (language != null) {
            for (String tag : language.split("[,\\s]+")) {
                if (!tag.isEmpty()) {
                    languages.add(tag);
                }
            }
        }
        stringList(w, languages);
        w.space().nstring(part.header("Content-Location"));
    }

    private static void parameters(ImapResponseWriter w, List<ParameterizedValue.Parameter> parameters, boolean text) {
        boolean addCharset = text && parameters.stream().noneMatch(p -> p.name().equalsIgnoreCase("charset"));
        if (parameters.isEmpty() && !addCharset) {
            w.raw("NIL");
            return;
        }
        w.raw('(');
        boolean first = true;
        for (ParameterizedValue.Parameter p : parameters) {
            if (!first) {
                w.space();
            }
            first = false;
            w.string(p.name()).space().string(p.value());
        }
        if (addCharset) {
            w.raw(first ? "" : " ").raw("\"charset\" \"us-ascii\"");
        }
        w.raw(')');
    }

    private static void stringList(ImapResponseWriter w, List<String> values) {
        if (values.isEmpty()) {
            w.raw("NIL");
            return;
        }
        w.raw('(');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                w.space();
            }
            w.string(values.get(i));
        }
        w.raw(')');
    }

    private static List<EnvelopeAddress> addresses(MimePart message, String field) {
        String value = message.header(field);
        return value == null ? List.of() : EnvelopeAddress.parseList(value);
    }

    private static void addressList(ImapResponseWriter w, List<EnvelopeAddress> addresses) {
        if (addresses.isEmpty()) {
            w.raw("NIL");
            return;
        }
        w.raw('(');
        for (EnvelopeAddress a : addresses) {
            w.raw('(').nstring(a.name()).space().nstring(a.route()).space().nstring(a.mailbox()).space()
                    .nstring(a.host()).raw(')');
        }
        w.raw(')');
    }
}
