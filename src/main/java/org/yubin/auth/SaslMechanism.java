package org.yubin.auth;

import java.util.Locale;
import java.util.Optional;

/**
 * The SASL mechanisms yubin implements, by their registered names. CRAM-MD5 and SCRAM
 * need the user's cleartext password in the directory ({@code {PLAIN}}), as in Dovecot;
 * PLAIN and LOGIN work with every password scheme.
 */
public enum SaslMechanism {
    PLAIN("PLAIN"),
    LOGIN("LOGIN"),
    CRAM_MD5("CRAM-MD5"),
    SCRAM_SHA_1("SCRAM-SHA-1"),
    SCRAM_SHA_256("SCRAM-SHA-256");

    private final String saslName;

    SaslMechanism(String saslName) {
        this.saslName = saslName;
    }

    /** As advertised in EHLO / CAPABILITY. */
    public String saslName() {
        return saslName;
    }

    /** Whether the mechanism needs the cleartext password from the directory. */
    public boolean needsCleartext() {
        return this != PLAIN && this != LOGIN;
    }

    /** The mechanism named {@code name}, case-insensitive. */
    public static Optional<SaslMechanism> byName(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        for (SaslMechanism mechanism : values()) {
            if (mechanism.saslName.equals(upper)) {
                return Optional.of(mechanism);
            }
        }
        return Optional.empty();
    }

    /** A new exchange; {@code hostname} goes into the CRAM-MD5 challenge. */
    SaslServer newServer(Credentials credentials, String hostname) {
        return switch (this) {
            case PLAIN -> new PlainSasl(credentials);
            case LOGIN -> new LoginSasl(credentials);
            case CRAM_MD5 -> CramMd5Sasl.forHost(credentials, hostname);
            case SCRAM_SHA_1 -> new ScramSasl(ScramSasl.Variant.SHA_1, credentials);
            case SCRAM_SHA_256 -> new ScramSasl(ScramSasl.Variant.SHA_256, credentials);
        };
    }
}
