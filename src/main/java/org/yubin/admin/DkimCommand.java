package org.yubin.admin;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.List;
import java.util.Locale;

import org.yubin.filter.dkim.DkimAlgorithm;
import org.yubin.filter.dkim.DkimKeys;

/**
 * {@code yubin dkim keygen DOMAIN [--selector S] [--type rsa|ed25519] [--force]}: makes a
 * signing key for a hosted domain in {@code <data-dir>/dkim/DOMAIN/S.key} (mode 0600), writes
 * the DNS record beside it ({@code S.txt}) and prints it. The server picks the key up
 * without a restart; publish the record first when it replaces a key in use.
 */
final class DkimCommand implements CliCommand {

    @Override
    public String name() {
        return "dkim";
    }

    @Override
    public List<String> usage() {
        return List.of("dkim keygen DOMAIN [--selector S] [--type rsa|ed25519] [--force]"
                + "  new signing key, prints its DNS TXT record");
    }

    @Override
    public void run(List<String> args, CliContext context) throws CliException {
        if (args.isEmpty() || !args.get(0).equals("keygen")) {
            throw new CliException("dkim", args.isEmpty() ? "missing sub-command (keygen)"
                    : "unknown sub-command '" + printable(args.get(0)) + "'", 2);
        }
        String where = "dkim keygen";
        String domain = null;
        String selector = context.properties().getDkim().getSelector();
        DkimAlgorithm algorithm = DkimAlgorithm.RSA_SHA256;
        boolean force = false;
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--force" -> force = true;
                case "--selector", "--type" -> {
                    if (i + 1 >= args.size()) {
                        throw new CliException(where, arg + " needs a value", 2);
                    }
                    String value = args.get(++i);
                    if (arg.equals("--selector")) {
                        selector = value;
                    } else {
                        algorithm = switch (value.toLowerCase(Locale.ROOT)) {
                            case "rsa" -> DkimAlgorithm.RSA_SHA256;
                            case "ed25519" -> DkimAlgorithm.ED25519_SHA256;
                            default -> throw new CliException(where, "unknown key type '" + printable(value)
                                    + "' (rsa or ed25519)", 2);
                        };
                    }
                }
                default -> {
                    if (arg.startsWith("-") || domain != null) {
                        throw new CliException(where, "unexpected argument '" + printable(arg) + "'", 2);
                    }
                    domain = arg.toLowerCase(Locale.ROOT);
                }
            }
        }
        if (domain == null) {
            throw new CliException(where, "missing DOMAIN", 2);
        }
        if (!DkimKeys.DOMAIN.matcher(domain).matches()) {
            throw new CliException(where, "bad domain '" + printable(domain) + "'", 2);
        }
        if (!DkimKeys.SELECTOR.matcher(selector).matches()) {
            throw new CliException(where, "bad selector '" + printable(selector) + "' (letters, digits, '-', '.')", 2);
        }
        Path dkimDir = context.properties().getDataDir().resolve("dkim");
        try {
            KeyPair pair = DkimKeys.generate(algorithm);
            String record = DkimKeys.zoneLine(domain, selector, DkimKeys.recordValue(algorithm, pair.getPublic()));
            DkimKeys.write(dkimDir, domain, selector, pair.getPrivate(), record, force);
            context.out().println(record);
        } catch (FileAlreadyExistsException e) {
            throw new CliException(where, domain + " already has a key for selector " + selector
                    + " (" + e.getMessage() + "); --force replaces it");
        } catch (IOException | GeneralSecurityException e) {
            throw new CliException(where, domain + ": " + e.getMessage());
        }
    }

    private static String printable(String text) {
        return text.replaceAll("[^\\x21-\\x7e]", "?");
    }
}
