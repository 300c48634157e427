package org.yubin.imap.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.yubin.delivery.MaildirFolderName;
import org.yubin.delivery.store.MailboxInfo;
import org.yubin.imap.ImapCommandException;
import org.yubin.imap.ImapSession;
import org.yubin.imap.ImapSessionState;
import org.yubin.imap.codec.ImapRequest;
import org.yubin.imap.codec.ImapToken;

/**
 * LIST (RFC 3501 6.3.8) and LSUB (6.3.9), with the basics of RFC 5258: selection options
 * {@code SUBSCRIBED} and {@code SPECIAL-USE} (RFC 6154), return options {@code SUBSCRIBED},
 * {@code CHILDREN}, {@code SPECIAL-USE}. Wildcards {@code *} (anything) and {@code %}
 * (anything but the separator {@code .}); the reference is prefixed to the pattern.
 * {@code \HasChildren}/{@code \HasNoChildren} and special-use attributes always come;
 * a parent that only exists through its children is {@code \Noselect}.
 */
final class ListCommand implements ImapCommand {

    private final boolean lsub;

    ListCommand(boolean lsub) {
        this.lsub = lsub;
    }

    @Override
    public Set<ImapSessionState> validIn() {
        return AUTHENTICATED;
    }

    @Override
    public String execute(ImapSession session, ImapRequest.Command command) throws ImapCommandException, IOException {
        List<ImapToken> args = new ArrayList<>(command.args());
        boolean subscribedOnly = lsub;
        boolean specialUseOnly = false;
        boolean returnSubscribed = false;
        if (!lsub && !args.isEmpty() && args.get(0) instanceof ImapToken.ListToken selection) {
            for (ImapToken option : selection.items()) {
                switch (Args.atom(option).toUpperCase(Locale.ROOT)) {
                    case "SUBSCRIBED" -> {
                        subscribedOnly = true;
                        returnSubscribed = true;
                    }
                    case "SPECIAL-USE" -> specialUseOnly = true;
                    case "REMOTE", "RECURSIVEMATCH" -> { }
                    default -> throw ImapCommandException.bad("Unknown LIST selection option");
                }
            }
            args.remove(0);
        }
        if (!lsub && args.size() == 4 && args.get(2) instanceof ImapToken.Atom word && word.is("RETURN")) {
            for (ImapToken option : Args.list(args.get(3))) {
                switch (Args.atom(option).toUpperCase(Locale.ROOT)) {
                    case "SUBSCRIBED" -> returnSubscribed = true;
                    case "CHILDREN", "SPECIAL-USE" -> { }
                    default -> throw ImapCommandException.bad("Unknown LIST return option");
                }
            }
            args = args.subList(0, 2);
        }
        if (args.size() != 2) {
            throw ImapCommandException.bad("Invalid arguments to " + command.name());
        }
        String reference = Args.astring(args.get(0));
        String pattern = Args.astring(args.get(1));
        String verb = lsub ? "LSUB" : "LIST";
        if (pattern.isEmpty()) {
            session.untagged(verb + " (\\Noselect) \".\" \"\"");
            return "OK " + verb + " completed";
        }
        Pattern matcher = compile(decode(reference + pattern));
        Set<String> subscriptions = subscribedOnly || returnSubscribed ? session.store().subscriptions() : Set.of();
        Map<String, MailboxInfo> shown = new LinkedHashMap<>();
        for (MailboxInfo info : session.store().list()) {
            shown.put(info.name(), info);
        }
        Map<String, List<String>> lines = new LinkedHashMap<>();
        // parents that exist only through their children show where % stops at them (RFC 3501 6.3.8)
        boolean withImplied = pattern.indexOf('*') < 0;
        for (String name : candidates(shown, subscriptions, subscribedOnly, withImplied)) {
            if (!matcher.matcher(name).matches()) {
                continue;
            }
            MailboxInfo info = shown.get(name);
            if (specialUseOnly && (info == null || info.specialUse().isEmpty())) {
                continue;
            }
            List<String> attributes = new ArrayList<>();
            boolean implied = subscribedOnly ? !subscriptions.contains(name) : info == null;
            if (implied) {
                attributes.add("\\Noselect");
            } else if (info == null && !lsub) {
                attributes.add("\\NonExistent");
            }
            if (!lsub) {
                attributes.add(info != null && !info.hasChildren() && !hasChildren(shown, name)
                        ? "\\HasNoChildren" : "\\HasChildren");
                Optional.ofNullable(info).flatMap(MailboxInfo::specialUse).ifPresent(attributes::add);
                if (returnSubscribed && subscriptions.contains(name)) {
                    attributes.add("\\Subscribed");
                }
            }
            lines.put(name, attributes);
        }
        lines.forEach((name, attributes) -> session.untagged(verb + " (" + String.join(" ", attributes) + ") \".\" "
                + ImapSession.quotedMailboxName(name)));
        return "OK " + verb + " completed";
    }

    /** Existing (or subscribed) names and the parents they imply, in listing order. */
    private static List<String> candidates(Map<String, MailboxInfo> existing, Set<String> subscriptions,
                                           boolean subscribedOnly, boolean withImplied) {
        List<String> names = new ArrayList<>();
        Iterable<String> base = subscribedOnly ? subscriptions.stream().sorted().toList() : existing.keySet();
        for (String name : base) {
            int dot = withImplied ? name.indexOf('.') : -1;
            while (dot > 0) {
                String parent = name.substring(0, dot);
                if (!names.contains(parent) && (subscribedOnly ? !subscriptions.contains(parent) : !existing.containsKey(parent))) {
                    names.add(parent);
                }
                dot = name.indexOf('.', dot + 1);
            }
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    private static boolean hasChildren(Map<String, MailboxInfo> existing, String name) {
        String prefix = name + ".";
        return existing.keySet().stream().anyMatch(other -> other.startsWith(prefix));
    }

    private static String decode(String text) {
        try {
            return MaildirFolderName.decodeModifiedUtf7(text);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    private static Pattern compile(String text) {
        // INBOX is case-insensitive (RFC 3501 5.1), so the pattern's own INBOX is too
        String pattern = text.regionMatches(true, 0, "INBOX", 0, 5) && (text.length() == 5 || text.charAt(5) == '.')
                ? "INBOX" + text.substring(5) : text;
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' || c == '%') {
                regex.append(Pattern.quote(literal.toString()));
                literal.setLength(0);
                regex.append(c == '*' ? ".*" : "[^.]*");
            } else {
                literal.append(c);
            }
        }
        regex.append(Pattern.quote(literal.toString()));
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
