package org.yubin.auth;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.yubin.directory.CleartextCredential;
import org.yubin.directory.MailUser;

/** Users and cleartext passwords in a map. */
final class FakeCredentials implements Credentials {

    private final Map<String, String> passwords = new ConcurrentHashMap<>();

    FakeCredentials with(String login, String password) {
        passwords.put(login, password);
        return this;
    }

    static MailUser user(String login) {
        return new MailUser(login, "cn=" + login, Path.of("/home", login), 1000, 1000, List.of(login));
    }

    @Override
    public Optional<MailUser> verify(String login, String password) {
        return password.equals(passwords.get(login)) ? Optional.of(user(login)) : Optional.empty();
    }

    @Override
    public Optional<CleartextCredential> cleartext(String login) {
        return Optional.ofNullable(passwords.get(login)).map(p -> new CleartextCredential(user(login), p));
    }
}
