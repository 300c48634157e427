package org.yubin.directory;

/**
 * A user and the cleartext password the directory stores for it ({@code {PLAIN}}), for
 * the challenge-response SASL mechanisms. Keep it only as long as one exchange needs it.
 */
public record CleartextCredential(MailUser user, String password) {

    @Override
    public String toString() {
        return "CleartextCredential[" + user.login() + "]";
    }
}
