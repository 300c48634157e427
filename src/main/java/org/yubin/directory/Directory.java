package org.yubin.directory;

import java.util.Optional;
import java.util.Set;

/**
 * Users and domains, from the embedded LDAP server or an external one. Only users
 * with {@code status=valid} are ever returned. Implementations are thread-safe;
 * calls may block on the network, so protocol code calls them off the I/O threads.
 */
public interface Directory {

    /** The valid user whose login or one of whose addresses is {@code address}. */
    Optional<MailUser> findRecipient(String address);

    /** The valid user who logs in as {@code login}, if the password is right. */
    Optional<MailUser> authenticate(String login, String password);

    /**
     * The valid user {@code login} with the cleartext password the directory keeps for it
     * (for CRAM-MD5 and SCRAM); empty when there is no such user or only a hash is stored.
     * Directories that never reveal passwords keep this default.
     */
    default Optional<CleartextCredential> cleartextPassword(String login) {
        return Optional.empty();
    }

    /** Hosted (virtual mailbox) domains, lower case. */
    Set<String> domains();

    default boolean isLocalDomain(String domain) {
        return domains().contains(domain.toLowerCase(java.util.Locale.ROOT));
    }
}
