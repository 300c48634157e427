package org.yubin.imap.fetch;

import java.util.List;
import org.yubin.imap.message.SectionSpec;

/** One data item of a FETCH (RFC 3501 section 6.4.5, RFC 3516 BINARY, RFC 7162 MODSEQ). */
public sealed interface FetchItem {

    /** Whether the session must read the message bytes to answer it. */
    boolean needsContent();

    /** The items without arguments. */
    enum Simple implements FetchItem {
        UID("UID", false), FLAGS("FLAGS", false), INTERNALDATE("INTERNALDATE", false),
        RFC822_SIZE("RFC822.SIZE", false), MODSEQ("MODSEQ", false),
        RFC822("RFC822", true), RFC822_HEADER("RFC822.HEADER", true), RFC822_TEXT("RFC822.TEXT", true),
        ENVELOPE("ENVELOPE", true), BODY("BODY", true), BODYSTRUCTURE("BODYSTRUCTURE", true);

        private final String imapName;
        private final boolean content;

        Simple(String imapName, boolean content) {
            this.imapName = imapName;
            this.content = content;
        }

        public String imapName() {
            return imapName;
        }

        @Override
        public boolean needsContent() {
            return content;
        }
    }

    /**
     * {@code BODY[section]<origin.count>}, {@code BODY.PEEK[...]}, {@code BINARY[...]},
     * {@code BINARY.PEEK[...]}; {@code origin} is -1 without a partial.
     */
    record Section(SectionSpec section, boolean peek, boolean binary, long origin, long count) implements FetchItem {

        public boolean partial() {
            return origin >= 0;
        }

        @Override
        public boolean needsContent() {
            return true;
        }
    }

    /** {@code BINARY.SIZE[part]}. */
    record BinarySize(List<Integer> part) implements FetchItem {

        public BinarySize {
            part = List.copyOf(part);
        }

        @Override
        public boolean needsContent() {
            return true;
        }
    }
}
