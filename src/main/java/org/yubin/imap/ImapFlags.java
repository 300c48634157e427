package org.yubin.imap;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

import org.yubin.delivery.store.MessageFlags;
import org.yubin.delivery.store.MessageFlags.SystemFlag;
import org.yubin.imap.codec.ImapToken;

/** Flag lists as IMAP writes them ({@code (\Seen $Forwarded)}): APPEND's argument and the session's updates. */
public final class ImapFlags {

    /** The FLAGS of every mailbox: the system flags; keywords are accepted too ({@code \*} in PERMANENTFLAGS). */
    public static final String SYSTEM_FLAGS = "\\Answered \\Flagged \\Deleted \\Seen \\Draft";

    private ImapFlags() {
    }

    /**
     * A flag list of APPEND.
     *
     * @throws ImapCommandException BAD for {@code \Recent}, unknown system flags or non-atoms
     */
    public static MessageFlags parse(ImapToken.ListToken list) throws ImapCommandException {
        EnumSet<SystemFlag> system = EnumSet.noneOf(SystemFlag.class);
        Set<String> keywords = new LinkedHashSet<>();
        for (ImapToken item : list.items()) {
            if (!(item instanceof ImapToken.Atom atom)) {
                throw ImapCommandException.bad("Flags must be atoms");
            }
            String flag = atom.value();
            if (flag.startsWith("\\")) {
                system.add(systemFlag(flag));
            } else {
                keywords.add(flag);
            }
        }
        return new MessageFlags(system, keywords);
    }

    private static SystemFlag systemFlag(String flag) throws ImapCommandException {
        for (SystemFlag candidate : SystemFlag.values()) {
            if (candidate.imapName().equalsIgnoreCase(flag)) {
                return candidate;
            }
        }
        throw ImapCommandException.bad("Invalid system flag " + flag);
    }

    /** {@code (\Seen \Recent kw)}: the message's flags, {@code \Recent} if it is recent for this session. */
    public static String format(MessageFlags flags, boolean recent) {
        StringBuilder out = new StringBuilder("(");
        for (SystemFlag flag : SystemFlag.values()) {
            if (flags.system().contains(flag)) {
                append(out, flag.imapName());
            }
        }
        if (recent) {
            append(out, "\\Recent");
        }
        flags.keywords().stream().sorted().forEach(keyword -> append(out, keyword));
        return out.append(')').toString();
    }

    private static void append(StringBuilder out, String flag) {
        if (out.length() > 1) {
            out.append(' ');
        }
        out.append(flag);
    }
}
