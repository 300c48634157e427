package org.yubin.pop3.codec;

/**
 * One client line as {@link Pop3LineDecoder} read it, without its line end; or the mark
 * of a line longer than the limit, which was dropped.
 *
 * @param text    the line, UTF-8 decoded; empty for {@link #TOO_LONG}
 * @param tooLong whether the line exceeded the limit
 */
public record Pop3Line(String text, boolean tooLong) {

    public static final Pop3Line TOO_LONG = new Pop3Line("", true);

    public static Pop3Line of(String text) {
        return new Pop3Line(text, false);
    }
}
