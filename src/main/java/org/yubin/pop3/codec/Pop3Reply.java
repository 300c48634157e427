package org.yubin.pop3.codec;

import java.util.List;
import java.util.Objects;

/**
 * A server reply: a status line {@code +OK text} / {@code -ERR [CODE] text} (RFC 1939 3,
 * response codes RFC 2449 8, RFC 3206), optionally followed by the lines of a multi-line
 * response, which the encoder byte-stuffs and ends with {@code .}; or a SASL continuation
 * {@code + base64} (RFC 5034). Immutable.
 *
 * @param status the kind of reply
 * @param code   the response code without brackets ({@code AUTH}, {@code IN-USE}, {@code SYS/TEMP}), or {@code null}
 * @param text   the human-readable text; may be empty
 * @param lines  the multi-line body, or {@code null} for a single-line reply
 */
public record Pop3Reply(Status status, String code, String text, List<String> lines) {

    public enum Status { OK, ERR, CONTINUATION }

    /** RFC 2449 8.1.1: the maildrop is locked by another session. */
    public static final String IN_USE = "IN-USE";
    /** RFC 3206 4: a temporary server problem; try again later. */
    public static final String SYS_TEMP = "SYS/TEMP";
    /** RFC 3206 5: the credentials are wrong or not allowed here. */
    public static final String AUTH = "AUTH";

    public Pop3Reply {
        Objects.requireNonNull(status, "status");
        text = text == null ? "" : text;
        lines = lines == null ? null : List.copyOf(lines);
    }

    public static Pop3Reply ok(String text) {
        return new Pop3Reply(Status.OK, null, text, null);
    }

    /** {@code +OK text} followed by {@code lines} and the terminating {@code .}. */
    public static Pop3Reply multiLine(String text, List<String> lines) {
        return new Pop3Reply(Status.OK, null, text, lines);
    }

    public static Pop3Reply err(String text) {
        return new Pop3Reply(Status.ERR, null, text, null);
    }

    public static Pop3Reply err(String code, String text) {
        return new Pop3Reply(Status.ERR, code, text, null);
    }

    /** {@code + data}, {@code data} already base64-encoded (empty for an empty challenge). */
    public static Pop3Reply continuation(String data) {
        return new Pop3Reply(Status.CONTINUATION, null, data, null);
    }

    public boolean isOk() {
        return status == Status.OK;
    }

    /** The first line as it goes on the wire, without CRLF. */
    public String statusLine() {
        return switch (status) {
            case OK -> text.isEmpty() ? "+OK" : "+OK " + text;
            case CONTINUATION -> text.isEmpty() ? "+ " : "+ " + text;
            case ERR -> "-ERR" + (code == null ? "" : " [" + code + "]") + (text.isEmpty() ? "" : " " + text);
        };
    }

    @Override
    public String toString() {
        return statusLine();
    }
}
