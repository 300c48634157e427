package org.yubin.imap.message;

import java.util.Arrays;

/** A range of a byte array, to write a section without copying it first. */
public record ByteSlice(byte[] array, int offset, int length) {

    public static final ByteSlice EMPTY = new ByteSlice(new byte[0], 0, 0);

    public byte[] toByteArray() {
        return Arrays.copyOfRange(array, offset, offset + length);
    }

    /** The {@code <origin.count>} partial of RFC 3501 section 6.4.5: empty when origin is past the end. */
    public ByteSlice partial(long origin, long count) {
        if (origin >= length) {
            return EMPTY;
        }
        int n = (int) Math.min(count, length - origin);
        return new ByteSlice(array, offset + (int) origin, n);
    }
}
