package org.yubin.imap.fetch;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import org.yubin.delivery.store.MessageFlags;
import org.yubin.delivery.store.MessageFlags.SystemFlag;
import org.yubin.imap.codec.ImapSyntaxException;
import org.yubin.imap.codec.ImapToken;

/**
 * The arguments of STORE / UID STORE after the sequence set (RFC 3501 section 6.4.6, RFC 7162
 * UNCHANGEDSINCE): {@code [(UNCHANGEDSINCE n)] FLAGS|+FLAGS|-FLAGS[.SILENT] (flags)} or
 * the flags without parentheses. System flags are case-insensitive; \Recent cannot be stored;
 * keywords must be atoms of at most {@value #MAX_KEYWORD} characters. Immutable.
 */
public final class StoreRequest {

    /** Replace the flags, add to them, or remove from them. */
    public enum Mode { REPLACE, ADD, REMOVE }

    static final int MAX_KEYWORD = 128;
    private static final String ATOM_SPECIALS = "(){ %*\"\\]";

    private final Mode mode;
    private final boolean silent;
    private final MessageFlags flags;
    private final OptionalLong unchangedSince;

    private StoreRequest(Mode mode, boolean silent, MessageFlags flags, OptionalLong unchangedSince) {
        this.mode = mode;
        this.silent = silent;
        this.flags = flags;
        this.unchangedSince = unchangedSince;
    }

    /** @throws ImapSyntaxException when the arguments do not follow the grammar (the session answers BAD) */
    public static StoreRequest parse(List<ImapToken> args) throws ImapSyntaxException {
        int i = 0;
        OptionalLong unchangedSince = OptionalLong.empty();
        if (!args.isEmpty() && args.get(0) instanceof ImapToken.ListToken modifiers) {
            List<ImapToken> m = modifiers.items();
            if (m.size() != 2 || !(m.get(0) instanceof ImapToken.Atom name) || !name.is("UNCHANGEDSINCE")
                    || !(m.get(1) instanceof ImapToken.Atom value)) {
                throw new ImapSyntaxException("Invalid STORE modifier");
            }
            unchangedSince = OptionalLong.of(FetchRequest.modSequence(value.value()));
            i++;
        }
        if (i >= args.size() || !(args.get(i) instanceof ImapToken.Atom item)) {
            throw new ImapSyntaxException("Missing FLAGS, +FLAGS or -FLAGS");
        }
        String word = item.value().toUpperCase(Locale.ROOT);
        Mode mode = word.startsWith("+") ? Mode.ADD : word.startsWith("-") ? Mode.REMOVE : Mode.REPLACE;
        String rest = mode == Mode.REPLACE ? word : word.substring(1);
        boolean silent = rest.equals("FLAGS.SILENT");
        if (!silent && !rest.equals("FLAGS")) {
            throw new ImapSyntaxException("Invalid STORE item " + item.value());
        }
        i++;
        List<ImapToken> flagTokens = new ArrayList<>();
        if (i == args.size() - 1 && args.get(i) instanceof ImapToken.ListToken list) {
            flagTokens.addAll(list.items());
        } else {
            flagTokens.addAll(args.subList(i, args.size()));
            if (flagTokens.isEmpty()) {
                throw new ImapSyntaxException("Missing flags");
            }
        }
        return new StoreRequest(mode, silent, flags(flagTokens), unchangedSince);
    }

    private static MessageFlags flags(List<ImapToken> tokens) throws ImapSyntaxException {
        Set<SystemFlag> system = EnumSet.noneOf(SystemFlag.class);
        Set<String> keywords = new LinkedHashSet<>();
        for (ImapToken token : tokens) {
            if (!(token instanceof ImapToken.Atom atom)) {
                throw new ImapSyntaxException("Flags must be atoms");
            }
            String flag = atom.value();
            if (flag.startsWith("\\")) {
                system.add(systemFlag(flag));
            } else {
                if (flag.length() > MAX_KEYWORD || !flag.chars().allMatch(c -> c > ' ' && c < 127 && ATOM_SPECIALS.indexOf(c) < 0)) {
                    throw new ImapSyntaxException("Invalid keyword " + flag);
                }
                keywords.add(flag);
            }
        }
        return new MessageFlags(system, keywords);
    }

    private static SystemFlag systemFlag(String flag) throws ImapSyntaxException {
        for (SystemFlag f : SystemFlag.values()) {
            if (f.imapName().equalsIgnoreCase(flag)) {
                return f;
            }
        }
        if (flag.equalsIgnoreCase("\\Recent")) {
            throw new ImapSyntaxException("\\Recent cannot be stored");
        }
        throw new ImapSyntaxException("Invalid system flag " + flag);
    }

    public Mode mode() {
        return mode;
    }

    /** {@code .SILENT}: no untagged FETCH for the change (except to report a concurrent one). */
    public boolean silent() {
        return silent;
    }

    /** The flags named: to set, add or remove. */
    public MessageFlags flags() {
        return flags;
    }

    /** CONDSTORE: change only messages whose mod-sequence is at most this. */
    public OptionalLong unchangedSince() {
        return unchangedSince;
    }

    /** The flags a message has after this STORE. Keywords compare case-insensitively, the stored spelling wins. */
    public MessageFlags apply(MessageFlags current) {
        Set<SystemFlag> system = current.system().isEmpty() ? EnumSet.noneOf(SystemFlag.class) : EnumSet.copyOf(current.system());
        Set<String> keywords = new LinkedHashSet<>(current.keywords());
        switch (mode) {
            case REPLACE -> {
                return flags;
            }
            case ADD -> {
                system.addAll(flags.system());
                for (String keyword : flags.keywords()) {
                    if (keywords.stream().noneMatch(keyword::equalsIgnoreCase)) {
                        keywords.add(keyword);
                    }
                }
            }
            case REMOVE -> {
                system.removeAll(flags.system());
                keywords.removeIf(k -> flags.keywords().stream().anyMatch(k::equalsIgnoreCase));
            }
        }
        return new MessageFlags(system, keywords);
    }
}
