package org.yubin.directory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parsed aliases file, aliases(5) style: {@code name: target, target}; {@code #}
 * starts a comment line; a line starting with white space continues the previous one.
 * Names and targets are lower-cased. A name without {@code @} is a local part that
 * applies in every hosted domain. Immutable; thread-safe.
 */
final class AliasTable {

    static final AliasTable EMPTY = new AliasTable(Map.of());

    private final Map<String, List<String>> targets;

    private AliasTable(Map<String, List<String>> targets) {
        this.targets = targets;
    }

    /**
     * Parses the file's lines.
     *
     * @throws IllegalArgumentException naming the line of the first malformed entry
     */
    static AliasTable parse(List<String> lines) {
        Map<String, List<String>> table = new LinkedHashMap<>();
        List<String> logical = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            if (Character.isWhitespace(line.charAt(0)) && !logical.isEmpty()) {
                int last = logical.size() - 1;
                logical.set(last, logical.get(last) + " " + line.strip());
            } else {
                logical.add(line.strip());
                numbers.add(i + 1);
            }
        }
        for (int i = 0; i < logical.size(); i++) {
            String entry = logical.get(i);
            int colon = entry.indexOf(':');
            String name = colon < 0 ? "" : entry.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty() || name.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("line " + numbers.get(i) + ": expected 'name: target, target'");
            }
            List<String> list = table.computeIfAbsent(name, k -> new ArrayList<>());
            for (String target : entry.substring(colon + 1).split(",")) {
                String t = target.strip().toLowerCase(Locale.ROOT);
                if (!t.isEmpty()) {
                    list.add(t);
                }
            }
            if (list.isEmpty()) {
                throw new IllegalArgumentException("line " + numbers.get(i) + ": alias " + name + " has no target");
            }
        }
        table.replaceAll((k, v) -> List.copyOf(v));
        return new AliasTable(Map.copyOf(table));
    }

    /**
     * The targets of {@code address} (lower case, with a domain), a target without
     * {@code @} completed with the address's domain; null if it is no alias. An entry
     * for the whole address wins over one for its local part.
     */
    List<String> targetsOf(String address) {
        int at = address.lastIndexOf('@');
        String domain = address.substring(at + 1);
        List<String> found = targets.get(address);
        if (found == null) {
            found = targets.get(address.substring(0, at));
        }
        if (found == null) {
            return null;
        }
        return found.stream().map(t -> t.indexOf('@') < 0 ? t + "@" + domain : t).toList();
    }
}
