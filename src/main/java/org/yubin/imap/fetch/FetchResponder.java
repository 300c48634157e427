package org.yubin.imap.fetch;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import io.netty.buffer.ByteBuf;
import org.yubin.delivery.store.MailboxMessage;
import org.yubin.delivery.store.MessageFlags;
import org.yubin.delivery.store.MessageFlags.SystemFlag;
import org.yubin.imap.codec.ImapResponseWriter;
import org.yubin.imap.message.ByteSlice;
import org.yubin.imap.message.ParsedMessage;
import org.yubin.imap.message.SectionSpec;

/**
 * Renders one {@code * <seq> FETCH (...)} response line. Sections go out as literals that
 * wrap the message bytes without copying them ({@link #renderBuffer}). Stateless and
 * thread-safe.
 */
public final class FetchResponder {

    private static final DateTimeFormatter INTERNAL_DATE = DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss Z", Locale.US);
    /** The order Dovecot lists system flags in; clients show them as they come. */
    private static final SystemFlag[] FLAG_ORDER = {
        SystemFlag.ANSWERED, SystemFlag.FLAGGED, SystemFlag.DELETED, SystemFlag.SEEN, SystemFlag.DRAFT};

    private FetchResponder() {
    }

    /** {@link #render(long, MailboxMessage, boolean, ParsedMessage, FetchRequest, boolean, ZoneId)} in the server's zone. */
    public static byte[] render(long seq, MailboxMessage message, boolean recent, ParsedMessage parsedOrNull,
                                FetchRequest request, boolean flagsChangedBySeen) {
        return render(seq, message, recent, parsedOrNull, request, flagsChangedBySeen, ZoneId.systemDefault());
    }

    /**
     * The response for one message.
     *
     * @param message the message with its flags after this FETCH (\Seen already set if it set it)
     * @param parsedOrNull the content; required when {@link FetchRequest#needsContent()}
     * @param flagsChangedBySeen this FETCH just set \Seen: FLAGS is sent even if not asked for
     * @param zone the zone INTERNALDATE is written in
     * @throws UnknownCteException for BINARY of a part in an unknown transfer encoding
     */
    public static byte[] render(long seq, MailboxMessage message, boolean recent, ParsedMessage parsedOrNull,
                                FetchRequest request, boolean flagsChangedBySeen, ZoneId zone) {
        return writer(seq, message, recent, parsedOrNull, request, flagsChangedBySeen, zone).toByteArray();
    }

    /**
     * The response as a buffer whose literals wrap the message bytes ({@code parsedOrNull}'s,
     * which must not change while it is written).
     *
     * @param zone the zone INTERNALDATE is written in
     */
    public static ByteBuf renderBuffer(long seq, MailboxMessage message, boolean recent, ParsedMessage parsedOrNull,
                                       FetchRequest request, boolean flagsChangedBySeen, ZoneId zone) {
        return writer(seq, message, recent, parsedOrNull, request, flagsChangedBySeen, zone).toByteBuf();
    }

    private static ImapResponseWriter writer(long seq, MailboxMessage message, boolean recent, ParsedMessage parsedOrNull,
                                             FetchRequest request, boolean flagsChangedBySeen, ZoneId zone) {
        if (parsedOrNull == null && request.needsContent()) {
            throw new IllegalArgumentException("the request needs the message content");
        }
        ImapResponseWriter w = new ImapResponseWriter(128);
        w.raw("* ").number(seq).raw(" FETCH (");
        boolean first = true;
        for (FetchItem item : request.items()) {
            if (!first) {
                w.space();
            }
            first = false;
            write(w, item, message, recent, parsedOrNull, zone);
        }
        if (flagsChangedBySeen && !request.contains(FetchItem.Simple.FLAGS)) {
            w.space();
            write(w, FetchItem.Simple.FLAGS, message, recent, parsedOrNull, zone);
        }
        if (request.wantsModSeq() && !request.contains(FetchItem.Simple.MODSEQ)) {
            w.space();
            write(w, FetchItem.Simple.MODSEQ, message, recent, parsedOrNull, zone);
        }
        return w.raw(')').crlf();
    }

    private static void write(ImapResponseWriter w, FetchItem item, MailboxMessage message, boolean recent,
                              ParsedMessage parsed, ZoneId zone) {
        if (item instanceof FetchItem.Simple simple) {
            switch (simple) {
                case UID -> w.raw("UID ").number(message.uid());
                case FLAGS -> flags(w.raw("FLAGS "), message.flags(), recent);
                case INTERNALDATE -> w.raw("INTERNALDATE \"").raw(INTERNAL_DATE.format(message.internalDate().atZone(zone)))
                        .raw('"');
                case RFC822_SIZE -> w.raw("RFC822.SIZE ").number(message.virtualSize());
                case MODSEQ -> w.raw("MODSEQ (").number(message.modSeq()).raw(')');
                case RFC822 -> literal(w.raw("RFC822 "), parsed.sectionSlice(SectionSpec.WHOLE));
                case RFC822_HEADER -> literal(w.raw("RFC822.HEADER "), parsed.sectionSlice(SectionSpec.HEADER));
                case RFC822_TEXT -> literal(w.raw("RFC822.TEXT "), parsed.sectionSlice(SectionSpec.TEXT));
                case ENVELOPE -> parsed.writeEnvelope(w.raw("ENVELOPE "));
                case BODY -> parsed.writeBodyStructure(w.raw("BODY "), false);
                case BODYSTRUCTURE -> parsed.writeBodyStructure(w.raw("BODYSTRUCTURE "), true);
            }
        } else if (item instanceof FetchItem.Section section) {
            section(w, section, parsed);
        } else if (item instanceof FetchItem.BinarySize size) {
            w.raw("BINARY.SIZE[").raw(path(size.part())).raw("] ").number(binary(parsed, size.part()).content().length);
        }
    }

    private static void section(ImapResponseWriter w, FetchItem.Section item, ParsedMessage parsed) {
        ByteSlice slice;
        boolean literal8 = false;
        if (item.binary()) {
            ParsedMessage.BinaryContent binary = binary(parsed, item.section().part());
            slice = new ByteSlice(binary.content(), 0, binary.content().length);
            literal8 = binary.decoded();
            w.raw("BINARY[").raw(path(item.section().part())).raw(']');
        } else {
            slice = parsed.sectionSlice(item.section());
            w.raw("BODY[").raw(item.section().toImap()).raw(']');
        }
        if (item.partial()) {
            slice = slice.partial(item.origin(), item.count());
            w.raw('<').number(item.origin()).raw('>');
        }
        w.space();
        if (literal8 && slice.length() > 0) {
            // RFC 3516 literal8, the only form that may carry NUL; Dovecot sends it for decoded content.
            w.raw('~');
        }
        literal(w, slice);
    }

    private static ParsedMessage.BinaryContent binary(ParsedMessage parsed, List<Integer> part) {
        ParsedMessage.BinaryContent content = parsed.binary(part);
        if (content == null) {
            throw new UnknownCteException(path(part));
        }
        return content;
    }

    private static void literal(ImapResponseWriter w, ByteSlice slice) {
        w.sharedLiteral(slice.array(), slice.offset(), slice.length());
    }

    private static String path(List<Integer> part) {
        StringBuilder out = new StringBuilder();
        for (int n : part) {
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(n);
        }
        return out.toString();
    }

    /** {@code (\Seen \Recent $Label)}: system flags, then \Recent, then keywords. */
    public static void flags(ImapResponseWriter w, MessageFlags flags, boolean recent) {
        w.raw('(');
        boolean first = true;
        for (SystemFlag flag : FLAG_ORDER) {
            if (flags.system().contains(flag)) {
                w.raw(first ? "" : " ").raw(flag.imapName());
                first = false;
            }
        }
        if (recent) {
            w.raw(first ? "" : " ").raw("\\Recent");
            first = false;
        }
        for (String keyword : flags.keywords().stream().sorted().toList()) {
            w.raw(first ? "" : " ").raw(keyword);
            first = false;
        }
        w.raw(')');
    }
}
