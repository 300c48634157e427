package org.yubin.directory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

import org.apache.commons.codec.digest.Crypt;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * The {@code userPassword} schemes of the contract, as Dovecot writes them:
 * <table>
 * <caption>schemes</caption>
 * <tr><td>{@code {PLAIN}secret} or {@code secret}</td><td>cleartext</td></tr>
 * <tr><td>{@code {SSHA}base64(sha1(pw+salt)+salt)}</td><td>salted SHA-1</td></tr>
 * <tr><td>{@code {SSHA512}base64(sha512(pw+salt)+salt)}</td><td>salted SHA-512 (default for new hashes)</td></tr>
 * <tr><td>{@code {CRYPT}$6$salt$hash}</td><td>crypt(3): sha512-crypt, also $5$, $1$, DES and $2y$</td></tr>
 * <tr><td>{@code {BCRYPT}$2y$..} / {@code {BLF-CRYPT}$2y$..}</td><td>bcrypt ($2a$, $2b$, $2y$)</td></tr>
 * </table>
 * Passwords are UTF-8. Every comparison is constant-time; a malformed stored value
 * never matches. Thread-safe (no state).
 */
public final class PasswordSchemes {

    /** The scheme {@link #hash(String, String)} uses when none is asked for. */
    public static final String DEFAULT_SCHEME = "SSHA512";

    private static final int SALT_BYTES = 8;
    private static final int BCRYPT_COST = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordSchemes() {
    }

    /** Whether {@code password} matches the stored {@code userPassword} value. */
    public static boolean verify(String stored, String password) {
        if (stored == null || password == null) {
            return false;
        }
        String scheme = schemeOf(stored);
        String value = scheme == null ? stored : stored.substring(scheme.length() + 2);
        try {
            return switch (scheme == null ? "PLAIN" : scheme) {
                case "PLAIN", "CLEARTEXT" -> MessageDigest.isEqual(utf8(value), utf8(password));
                case "SSHA" -> verifySalted("SHA-1", 20, value, password);
                case "SSHA512" -> verifySalted("SHA-512", 64, value, password);
                case "CRYPT" -> verifyCrypt(value, password);
                case "BCRYPT", "BLF-CRYPT" -> verifyBcrypt(value, password);
                default -> false;
            };
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    /**
     * A new {@code userPassword} value for {@code password}, with a fresh random salt.
     *
     * @param scheme PLAIN, SSHA, SSHA512, CRYPT (sha512-crypt), BCRYPT or BLF-CRYPT; case-insensitive
     * @throws IllegalArgumentException for any other scheme
     */
    public static String hash(String scheme, String password) {
        String name = scheme.toUpperCase(Locale.ROOT);
        return switch (name) {
            case "PLAIN" -> "{PLAIN}" + password;
            case "SSHA" -> "{SSHA}" + salted("SHA-1", password);
            case "SSHA512" -> "{SSHA512}" + salted("SHA-512", password);
            case "CRYPT" -> "{CRYPT}" + Crypt.crypt(utf8(password), "$6$" + cryptSalt());
            case "BCRYPT", "BLF-CRYPT" -> "{" + name + "}"
                    + BCrypt.hashpw(utf8(password), BCrypt.gensalt("$2y", BCRYPT_COST, RANDOM));
            default -> throw new IllegalArgumentException("unknown password scheme " + scheme);
        };
    }

    /**
     * The password itself when {@code stored} keeps it in cleartext ({@code {PLAIN}},
     * {@code {CLEARTEXT}} or no scheme), as CRAM-MD5 and SCRAM need it; empty for a hash.
     */
    public static Optional<String> cleartext(String stored) {
        if (stored == null) {
            return Optional.empty();
        }
        String scheme = schemeOf(stored);
        if (scheme == null) {
            return Optional.of(stored);
        }
        return scheme.equals("PLAIN") || scheme.equals("CLEARTEXT")
                ? Optional.of(stored.substring(scheme.length() + 2))
                : Optional.empty();
    }

    /** The upper-case scheme name of {@code {SCHEME}value}, or null for bare cleartext. */
    private static String schemeOf(String stored) {
        int end = stored.indexOf('}');
        if (!stored.startsWith("{") || end < 2) {
            return null;
        }
        return stored.substring(1, end).toUpperCase(Locale.ROOT);
    }

    private static boolean verifySalted(String algorithm, int digestLength, String value, String password) {
        byte[] decoded = Base64.getMimeDecoder().decode(value);
        if (decoded.length <= digestLength) {
            return false;
        }
        byte[] salt = Arrays.copyOfRange(decoded, digestLength, decoded.length);
        byte[] expected = Arrays.copyOf(decoded, digestLength);
        return MessageDigest.isEqual(expected, digest(algorithm, utf8(password), salt));
    }

    private static boolean verifyCrypt(String value, String password) {
        if (value.startsWith("$2")) {
            return verifyBcrypt(value, password);
        }
        if (value.length() < 2) {
            return false;
        }
        return MessageDigest.isEqual(utf8(value), utf8(Crypt.crypt(utf8(password), value)));
    }

    private static boolean verifyBcrypt(String value, String password) {
        // Spring's BCrypt knows $2a$/$2b$/$2y$ and compares without early return.
        return value.startsWith("$2") && BCrypt.checkpw(utf8(password), value);
    }

    private static String salted(String algorithm, String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] digest = digest(algorithm, utf8(password), salt);
        byte[] out = Arrays.copyOf(digest, digest.length + salt.length);
        System.arraycopy(salt, 0, out, digest.length, salt.length);
        return Base64.getEncoder().encodeToString(out);
    }

    private static String cryptSalt() {
        String alphabet = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        StringBuilder salt = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            salt.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return salt.toString();
    }

    private static byte[] digest(String algorithm, byte[] password, byte[] salt) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            md.update(password);
            md.update(salt);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " missing from this JVM", e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
