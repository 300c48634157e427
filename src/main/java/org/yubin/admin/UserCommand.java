package org.yubin.admin;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.yubin.directory.LdapTemplates;
import org.yubin.directory.PasswordSchemes;

import com.unboundid.ldap.sdk.LDAPException;

/**
 * {@code yubin user add|passwd|disable|enable|del|list}: mailbox users in the
 * directory the server uses (embedded LDIF file or external LDAP).
 *
 * <p>Passwords come from {@code --password} or, safer (no trace in {@code ps} or shell
 * history), from standard input: the first line, or typed twice at a terminal. They
 * are stored hashed, {@code {SSHA512}} unless {@code --scheme} says otherwise.
 */
final class UserCommand implements CliCommand {

    /** The seed's vmail user and group. */
    static final int DEFAULT_ID = 5000;

    /** dot-atom local part (RFC 5322 3.2.3) @ LDH domain of at least two labels. */
    private static final Pattern ADDRESS = Pattern.compile(
            "[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final int MAX_ADDRESS = 254;

    @Override
    public String name() {
        return "user";
    }

    @Override
    public List<String> usage() {
        return List.of(
                "user add ADDRESS [--password P] [--scheme S] [--home DIR] [--uid N --gid N]",
                "user passwd ADDRESS [--password P] [--scheme S]",
                "user disable ADDRESS",
                "user enable ADDRESS",
                "user del ADDRESS",
                "user list [DOMAIN]");
    }

    @Override
    public void run(List<String> args, CliContext context) throws CliException {
        if (args.isEmpty()) {
            throw new CliException("user", "missing sub-command (add, passwd, disable, enable, del, list)", 2);
        }
        String sub = args.get(0);
        String where = "user " + sub;
        List<String> rest = args.subList(1, args.size());
        switch (sub) {
            case "add" -> add(where, rest, context);
            case "passwd" -> passwd(where, rest, context);
            case "disable" -> setStatus(where, rest, context, "invalid");
            case "enable" -> setStatus(where, rest, context, "valid");
            case "del" -> delete(where, rest, context);
            case "list" -> list(where, rest, context);
            default -> throw new CliException("user", "unknown sub-command '" + sub + "'", 2);
        }
    }

    private void add(String where, List<String> rest, CliContext context) throws CliException {
        Options o = Options.parse(where, rest, Set.of("--password", "--scheme", "--home", "--uid", "--gid"), 1);
        String address = address(where, o.positional.get(0));
        String home = o.values.getOrDefault("--home",
                "mail/" + LdapTemplates.domain(address) + "/" + LdapTemplates.localPart(address));
        if (home.isBlank() || home.chars().anyMatch(Character::isISOControl)) {
            throw new CliException(where, "bad --home '" + home + "'", 2);
        }
        int uid = id(where, "--uid", o.values.get("--uid"));
        int gid = id(where, "--gid", o.values.get("--gid"));
        String hash = hash(where, o, context);
        edit(where, context, admin -> admin.add(address, hash, home, uid, gid));
        context.out().println("added " + address);
    }

    private void passwd(String where, List<String> rest, CliContext context) throws CliException {
        Options o = Options.parse(where, rest, Set.of("--password", "--scheme"), 1);
        String address = address(where, o.positional.get(0));
        String hash = hash(where, o, context);
        edit(where, context, admin -> admin.replace(where, address, "userPassword", hash));
        context.out().println("password changed for " + address);
    }

    private void setStatus(String where, List<String> rest, CliContext context, String status) throws CliException {
        Options o = Options.parse(where, rest, Set.of(), 1);
        String address = address(where, o.positional.get(0));
        edit(where, context, admin -> admin.replace(where, address, "status", status));
        context.out().println(address + " is " + status);
    }

    private void delete(String where, List<String> rest, CliContext context) throws CliException {
        Options o = Options.parse(where, rest, Set.of(), 1);
        String address = address(where, o.positional.get(0));
        edit(where, context, admin -> admin.delete(address));
        context.out().println("deleted " + address);
    }

    private void list(String where, List<String> rest, CliContext context) throws CliException {
        Options o = Options.parse(where, rest, Set.of(), -1);
        if (o.positional.size() > 1) {
            throw new CliException(where, "at most one DOMAIN", 2);
        }
        String domain = o.positional.isEmpty() ? null : o.positional.get(0).toLowerCase(Locale.ROOT);
        if (domain != null && !ADDRESS.matcher("x@" + domain).matches()) {
            throw new CliException(where, "bad domain '" + o.positional.get(0) + "'", 2);
        }
        List<UserAdmin.UserInfo> users = new ArrayList<>();
        edit(where, context, admin -> users.addAll(admin.list(domain)));
        users.forEach(u -> context.out().println(u.line()));
    }

    private interface Edit {
        void apply(UserAdmin admin) throws LDAPException, CliException;
    }

    private static void edit(String where, CliContext context, Edit edit) throws CliException {
        try (DirectorySession session = DirectorySession.open(context.properties(), where)) {
            edit.apply(new UserAdmin(session.ldap(), context.properties().getDirectory()));
            session.commit();
        } catch (LDAPException e) {
            String detail = e.getDiagnosticMessage() != null ? e.getDiagnosticMessage() : e.getResultCode().getName();
            throw new CliException(where, "directory refused: " + detail);
        }
    }

    private static String address(String where, String raw) throws CliException {
        String address = raw.strip().toLowerCase(Locale.ROOT);
        if (address.length() > MAX_ADDRESS || !ADDRESS.matcher(address).matches()) {
            throw new CliException(where, "bad address '" + raw + "' (expected local@domain.tld)", 2);
        }
        return address;
    }

    private static int id(String where, String option, String value) throws CliException {
        if (value == null) {
            return DEFAULT_ID;
        }
        try {
            int id = Integer.parseInt(value);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below, with the option's name
        }
        throw new CliException(where, option + " must be a positive number, not '" + value + "'", 2);
    }

    private static String hash(String where, Options o, CliContext context) throws CliException {
        String password = o.values.containsKey("--password") ? o.values.get("--password") : readPassword(where, context);
        if (password.isEmpty()) {
            throw new CliException(where, "empty password", 2);
        }
        try {
            return PasswordSchemes.hash(o.values.getOrDefault("--scheme", PasswordSchemes.DEFAULT_SCHEME), password);
        } catch (IllegalArgumentException e) {
            throw new CliException(where, e.getMessage(), 2);
        }
    }

    private static String readPassword(String where, CliContext context) throws CliException {
        if (context.console() != null) {
            char[] first = context.console().readPassword("Password: ");
            char[] second = context.console().readPassword("Retype password: ");
            if (first == null || second == null || !Arrays.equals(first, second)) {
                throw new CliException(where, "passwords do not match");
            }
            return new String(first);
        }
        try {
            String line = context.in().readLine();
            if (line == null) {
                throw new CliException(where, "no password (give --password or one line on standard input)", 2);
            }
            return line;
        } catch (IOException e) {
            throw new CliException(where, "cannot read the password: " + e.getMessage());
        }
    }

    /** {@code --name value} options and positional arguments. */
    private record Options(Map<String, String> values, List<String> positional) {

        /** @param positionals how many positional arguments are required, -1 for any number */
        static Options parse(String where, List<String> args, Set<String> known, int positionals) throws CliException {
            Map<String, String> values = new HashMap<>();
            List<String> positional = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (!a.startsWith("--")) {
                    positional.add(a);
                    continue;
                }
                String name = a;
                String value = null;
                int eq = a.indexOf('=');
                if (eq > 0) {
                    name = a.substring(0, eq);
                    value = a.substring(eq + 1);
                }
                if (!known.contains(name)) {
                    throw new CliException(where, "unknown option " + name, 2);
                }
                if (value == null) {
                    if (i + 1 == args.size()) {
                        throw new CliException(where, name + " needs a value", 2);
                    }
                    value = args.get(++i);
                }
                values.put(name, value);
            }
            if (positionals >= 0 && positional.size() != positionals) {
                throw new CliException(where, positional.isEmpty() ? "missing ADDRESS" : "unexpected argument '"
                        + positional.get(positionals < positional.size() ? positionals : 0) + "'", 2);
            }
            return new Options(values, positional);
        }
    }
}
