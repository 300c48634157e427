package org.yubin.imap.fetch;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import org.yubin.imap.codec.ImapSyntaxException;
import org.yubin.imap.codec.ImapToken;

/**
 * The data items of a FETCH or UID FETCH (RFC 3501 section 6.4.5) and its CONDSTORE/QRESYNC
 * modifiers {@code (CHANGEDSINCE n [VANISHED])} (RFC 7162). UID FETCH always includes UID.
 * Immutable.
 */
public final class FetchRequest {

    /** More items than any client sends; a longer list is abuse. */
    private static final int MAX_ITEMS = 100;

    private final List<FetchItem> items;
    private final boolean uidCommand;
    private final OptionalLong changedSince;
    private final boolean vanished;
    /** Asked once per message of a FETCH of thousands: worked out once. */
    private final boolean needsContent;
    private final boolean setsSeen;

    private FetchRequest(List<FetchItem> items, boolean uidCommand, OptionalLong changedSince, boolean vanished) {
        this.items = List.copyOf(items);
        this.uidCommand = uidCommand;
        this.changedSince = changedSince;
        this.vanished = vanished;
        this.needsContent = items.stream().anyMatch(FetchItem::needsContent);
        this.setsSeen = items.stream().anyMatch(item -> item == FetchItem.Simple.RFC822 || item == FetchItem.Simple.RFC822_TEXT
                || (item instanceof FetchItem.Section s && !s.peek()));
    }

    /**
     * Parses the arguments after the sequence set.
     *
     * @param args a macro (ALL FAST FULL), one item, or a list of items; then optionally the modifier list
     * @throws ImapSyntaxException on anything else (the session answers BAD with its message)
     */
    public static FetchRequest parse(List<ImapToken> args, boolean uidCommand) throws ImapSyntaxException {
        if (args.isEmpty()) {
            throw new ImapSyntaxException("Missing fetch items");
        }
        Set<FetchItem> items = new LinkedHashSet<>();
        if (uidCommand) {
            items.add(FetchItem.Simple.UID);
        }
        int next;
        if (args.get(0) instanceof ImapToken.Atom atom && macro(atom.value()) != null) {
            items.addAll(macro(atom.value()));
            next = 1;
        } else if (args.get(0) instanceof ImapToken.ListToken list) {
            if (list.items().isEmpty()) {
                throw new ImapSyntaxException("Empty fetch item list");
            }
            int[] index = {0};
            while (index[0] < list.items().size()) {
                items.add(FetchItemParser.parse(FetchItemParser.attributeText(list.items(), index)));
                if (items.size() > MAX_ITEMS) {
                    throw new ImapSyntaxException("Too many fetch items");
                }
            }
            next = 1;
        } else {
            int[] index = {0};
            items.add(FetchItemParser.parse(FetchItemParser.attributeText(args, index)));
            next = index[0];
        }
        OptionalLong changedSince = OptionalLong.empty();
        boolean vanished = false;
        if (next < args.size()) {
            if (!(args.get(next) instanceof ImapToken.ListToken modifiers) || next + 1 < args.size()) {
                throw new ImapSyntaxException("Unexpected arguments after fetch items");
            }
            List<ImapToken> m = modifiers.items();
            for (int i = 0; i < m.size(); i++) {
                String name = atom(m.get(i)).toUpperCase(Locale.ROOT);
                switch (name) {
                    case "CHANGEDSINCE" -> {
                        if (i + 1 >= m.size() || changedSince.isPresent()) {
                            throw new ImapSyntaxException("CHANGEDSINCE needs one mod-sequence");
                        }
                        changedSince = OptionalLong.of(modSequence(atom(m.get(++i))));
                    }
                    case "VANISHED" -> vanished = true;
                    default -> throw new ImapSyntaxException("Unknown fetch modifier " + name);
                }
            }
            if (vanished && (!uidCommand || changedSince.isEmpty())) {
                throw new ImapSyntaxException("VANISHED needs UID FETCH with CHANGEDSINCE");
            }
        }
        return new FetchRequest(new ArrayList<>(items), uidCommand, changedSince, vanished);
    }

    private static List<FetchItem> macro(String word) {
        return switch (word.toUpperCase(Locale.ROOT)) {
            case "FAST" -> List.of(FetchItem.Simple.FLAGS, FetchItem.Simple.INTERNALDATE, FetchItem.Simple.RFC822_SIZE);
            case "ALL" -> List.of(FetchItem.Simple.FLAGS, FetchItem.Simple.INTERNALDATE, FetchItem.Simple.RFC822_SIZE,
                    FetchItem.Simple.ENVELOPE);
            case "FULL" -> List.of(FetchItem.Simple.FLAGS, FetchItem.Simple.INTERNALDATE, FetchItem.Simple.RFC822_SIZE,
                    FetchItem.Simple.ENVELOPE, FetchItem.Simple.BODY);
            default -> null;
        };
    }

    private static String atom(ImapToken token) throws ImapSyntaxException {
        if (token instanceof ImapToken.Atom atom) {
            return atom.value();
        }
        throw new ImapSyntaxException("Expected an atom in the fetch modifiers");
    }

    /** RFC 7162 mod-sequence-value: 1..2^63-1. */
    static long modSequence(String text) throws ImapSyntaxException {
        try {
            long value = Long.parseLong(text);
            if (value < 0 || !text.chars().allMatch(Character::isDigit)) {
                throw new NumberFormatException(text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ImapSyntaxException("Invalid mod-sequence: " + text);
        }
    }

    /** The items in request order; UID first for UID FETCH. */
    public List<FetchItem> items() {
        return items;
    }

    public boolean uidCommand() {
        return uidCommand;
    }

    public boolean contains(FetchItem item) {
        return items.contains(item);
    }

    /** Whether the session must read the message bytes (and hand a {@code ParsedMessage}). */
    public boolean needsContent() {
        return needsContent;
    }

    /** Whether serving this sets \Seen (RFC 3501 section 6.4.5): a non-PEEK section, RFC822 or RFC822.TEXT. */
    public boolean setsSeen() {
        return setsSeen;
    }

    /** CHANGEDSINCE: only messages with a greater mod-sequence are answered (RFC 7162 section 3.1.4.1). */
    public OptionalLong changedSince() {
        return changedSince;
    }

    /** QRESYNC's VANISHED modifier (UID FETCH only). */
    public boolean vanished() {
        return vanished;
    }

    /** Whether each response carries MODSEQ: asked for, or implied by CHANGEDSINCE. */
    public boolean wantsModSeq() {
        return changedSince.isPresent() || items.contains(FetchItem.Simple.MODSEQ);
    }
}
