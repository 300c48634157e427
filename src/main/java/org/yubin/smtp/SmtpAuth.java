package org.yubin.smtp;

import org.yubin.auth.Authenticator;

/**
 * SMTP AUTH (RFC 4954) on one listener: offered with the {@link Authenticator}'s
 * mechanisms, and on a STARTTLS listener only once TLS is on unless {@code requireTls}
 * is false ({@code yubin.submission.auth-before-tls}). {@link #NONE}: no AUTH (the MX).
 */
public record SmtpAuth(Authenticator authenticator, boolean requireTls) {

    public static final SmtpAuth NONE = new SmtpAuth(null, true);

    public boolean enabled() {
        return authenticator != null;
    }
}
