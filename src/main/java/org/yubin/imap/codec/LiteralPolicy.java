package org.yubin.imap.codec;

/**
 * Decides, before {@code + OK} invites a synchronizing literal, whether the command is
 * acceptable so far (known, allowed in the session's state). Called on the decoder's
 * executor, which is also the session's.
 */
@FunctionalInterface
public interface LiteralPolicy {

    /** Accepts everything the size limits let through. */
    LiteralPolicy ACCEPT = (tag, command, size) -> null;

    /**
     * @param tag     the command's tag
     * @param command the command name in upper case ({@code UID SEARCH} for UID forms)
     * @param size    the announced literal size, within the limits
     * @return {@code null} to send the continuation, or the complete tagged response line to refuse with
     */
    String refusal(String tag, String command, long size);
}
