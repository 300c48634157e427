package org.yubin.smtp;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.yubin.directory.MailUser;
import org.yubin.directory.Recipient;
import org.yubin.directory.RecipientResolver;

/** Hosts {@code example.com} with users alice and bob; every other domain is remote. */
final class FakeRecipientResolver implements RecipientResolver {

    private static final Set<String> USERS = Set.of("alice@example.com", "bob@example.com");

    @Override
    public Recipient resolve(String address) {
        String lower = address.toLowerCase(Locale.ROOT);
        if (!lower.endsWith("@example.com")) {
            return new Recipient.Remote(address);
        }
        if (!USERS.contains(lower)) {
            return new Recipient.Unknown(address);
        }
        return new Recipient.Local(address, new MailUser(lower, "cn=" + lower + ",dc=example.com,dc=control,dc=isp",
                Path.of("/var/mail", lower), 1000, 1000, List.of(lower)));
    }

    @Override
    public List<Recipient> expand(String address) {
        return List.of(resolve(address));
    }
}
