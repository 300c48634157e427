package org.yubin.auth;

import java.util.Optional;

import org.yubin.directory.CleartextCredential;
import org.yubin.directory.MailUser;

/**
 * Where the SASL mechanisms check what a client claims. {@link Authenticator} is the
 * implementation on the directory, with its cache. Thread-safe; calls may block.
 */
public interface Credentials {

    /** The valid user {@code login} if {@code password} is right (PLAIN, LOGIN). */
    Optional<MailUser> verify(String login, String password);

    /**
     * The cleartext password of the valid user {@code login} (CRAM-MD5, SCRAM): empty when
     * there is no such user or the directory stores only a hash.
     */
    Optional<CleartextCredential> cleartext(String login);
}
