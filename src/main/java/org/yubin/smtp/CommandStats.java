package org.yubin.smtp;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-session command counts for the disconnect log line, Postfix style:
 * {@code ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4} where {@code ok/total} is shown
 * only when some failed.
 */
final class CommandStats {

    private final Map<String, int[]> counts = new LinkedHashMap<>();

    void count(String verb, boolean ok) {
        int[] c = counts.computeIfAbsent(verb, v -> new int[2]);
        c[1]++;
        if (ok) {
            c[0]++;
        }
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        int ok = 0;
        int total = 0;
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            append(out, e.getKey(), e.getValue()[0], e.getValue()[1]);
            ok += e.getValue()[0];
            total += e.getValue()[1];
        }
        append(out, "commands", ok, total);
        return out.toString();
    }

    private static void append(StringBuilder out, String name, int ok, int total) {
        if (!out.isEmpty()) {
            out.append(' ');
        }
        out.append(name).append('=').append(ok);
        if (ok != total) {
            out.append('/').append(total);
        }
    }
}
