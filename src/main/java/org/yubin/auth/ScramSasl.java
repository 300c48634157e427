package org.yubin.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Base64;
import java.util.Optional;

import org.yubin.directory.CleartextCredential;

/**
 * SCRAM-SHA-1 (RFC 5802) and SCRAM-SHA-256 (RFC 7677), server side, without channel
 * binding: the GS2 header {@code n,,} or {@code y,,} is accepted (the client could bind but
 * we do not offer {@code -PLUS}), {@code p=} is refused, and an authzid is accepted only
 * when it names the user itself. The salted password is derived from the directory's
 * cleartext password with a fresh salt per exchange, {@value #ITERATIONS} iterations.
 * An unknown user (or one with a hashed password) gets a plausible first answer and fails
 * at the proof, so the exchange does not tell which users exist.
 *
 * <p>The password goes through a reduced SASLprep (RFC 4013): non-ASCII spaces become
 * spaces, "mapped to nothing" characters go, NFKC; prohibited-character and bidi checks
 * are not made. ASCII passwords are unaffected.
 */
final class ScramSasl implements SaslServer {

    static final int ITERATIONS = 4096;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The hash of a SCRAM variant. */
    enum Variant {
        SHA_1("SCRAM-SHA-1", "SHA-1", "HmacSHA1"),
        SHA_256("SCRAM-SHA-256", "SHA-256", "HmacSHA256");

        final String mechanism;
        final String digest;
        final String hmac;

        Variant(String mechanism, String digest, String hmac) {
            this.mechanism = mechanism;
            this.digest = digest;
            this.hmac = hmac;
        }
    }

    private enum Stage { CLIENT_FIRST, CLIENT_FINAL, DONE }

    private final Variant variant;
    private final Credentials credentials;
    private final String serverNonce;
    private final byte[] salt;
    private final int iterations;
    private Stage stage = Stage.CLIENT_FIRST;
    private String gs2Header;
    private String clientFirstBare;
    private String serverFirst;
    private String nonce;
    private String username;
    private CleartextCredential stored;

    ScramSasl(Variant variant, Credentials credentials) {
        this(variant, credentials, randomNonce(), randomBytes(16), ITERATIONS);
    }

    /** With fixed nonce and salt: for the RFCs' example exchanges. */
    ScramSasl(Variant variant, Credentials credentials, String serverNonce, byte[] salt, int iterations) {
        this.variant = variant;
        this.credentials = credentials;
        this.serverNonce = serverNonce;
        this.salt = salt.clone();
        this.iterations = iterations;
    }

    @Override
    public String mechanism() {
        return variant.mechanism;
    }

    @Override
    public SaslStep evaluate(byte[] response) {
        return switch (stage) {
            case CLIENT_FIRST -> {
                if (response == null) {
                    // RFC 4422 3.3: the client starts; it did not, so an empty challenge asks it to
                    yield new SaslStep.Challenge(new byte[0]);
                }
                yield clientFirst(new String(response, StandardCharsets.UTF_8));
            }
            case CLIENT_FINAL -> clientFinal(response == null ? "" : new String(response, StandardCharsets.UTF_8));
            case DONE -> throw new IllegalStateException(variant.mechanism + " exchange already finished");
        };
    }

    private SaslStep clientFirst(String message) {
        stage = Stage.DONE;
        // gs2-header = gs2-cbind-flag "," [ authzid ] ","
        int first = message.indexOf(',');
        int second = first < 0 ? -1 : message.indexOf(',', first + 1);
        if (second < 0) {
            return fail("malformed client-first-message");
        }
        String flag = message.substring(0, first);
        String authzid = message.substring(first + 1, second);
        if (flag.startsWith("p=")) {
            return fail("channel binding is not supported");
        }
        if (!flag.equals("n") && !flag.equals("y")) {
            return fail("malformed channel binding flag");
        }
        gs2Header = message.substring(0, second + 1);
        clientFirstBare = message.substring(second + 1);
        String[] attributes = clientFirstBare.split(",", -1);
        if (attributes.length < 2 || !attributes[0].startsWith("n=") || !attributes[1].startsWith("r=")) {
            return fail(clientFirstBare.startsWith("m=") ? "unsupported mandatory extension" : "malformed client-first-message");
        }
        username = saslName(attributes[0].substring(2));
        String clientNonce = attributes[1].substring(2);
        if (username == null || username.isEmpty() || clientNonce.isEmpty() || !printable(clientNonce)) {
            username = null;
            return fail("malformed client-first-message");
        }
        if (!authzid.isEmpty()) {
            String authorization = authzid.startsWith("a=") ? saslName(authzid.substring(2)) : null;
            if (authorization == null || !authorization.equalsIgnoreCase(username)) {
                return fail("authorization identity differs from the login");
            }
        }
        Optional<CleartextCredential> found = credentials.cleartext(username);
        stored = found.orElse(null);
        nonce = clientNonce + serverNonce;
        serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(salt) + ",i=" + iterations;
        stage = Stage.CLIENT_FINAL;
        return new SaslStep.Challenge(serverFirst.getBytes(StandardCharsets.UTF_8));
    }

    private SaslStep clientFinal(String message) {
        stage = Stage.DONE;
        int proofAt = message.lastIndexOf(",p=");
        if (proofAt < 0) {
            return fail("malformed client-final-message");
        }
        String withoutProof = message.substring(0, proofAt);
        String[] attributes = withoutProof.split(",", -1);
        if (attributes.length < 2 || !attributes[0].startsWith("c=") || !attributes[1].startsWith("r=")) {
            return fail("malformed client-final-message");
        }
        String expectedBinding = Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8));
        if (!attributes[0].substring(2).equals(expectedBinding)) {
            return fail("channel binding data does not match");
        }
        if (!attributes[1].substring(2).equals(nonce)) {
            return fail("nonce does not match");
        }
        byte[] proof;
        try {
            proof = Base64.getDecoder().decode(message.substring(proofAt + 3));
        } catch (IllegalArgumentException e) {
            return fail("malformed proof");
        }
        if (stored == null) {
            return fail("authentication failure");
        }
        byte[] saltedPassword = hi(saslPrep(stored.password()).getBytes(StandardCharsets.UTF_8), salt, iterations);
        byte[] clientKey = hmac(saltedPassword, "Client Key");
        byte[] storedKey = hash(clientKey);
        byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
        byte[] clientSignature = Hmac.compute(variant.hmac, storedKey, authMessage);
        if (proof.length != clientSignature.length) {
            return fail("authentication failure");
        }
        byte[] recoveredKey = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) {
            recoveredKey[i] = (byte) (proof[i] ^ clientSignature[i]);
        }
        if (!MessageDigest.isEqual(hash(recoveredKey), storedKey)) {
            return fail("authentication failure");
        }
        byte[] serverSignature = Hmac.compute(variant.hmac, hmac(saltedPassword, "Server Key"), authMessage);
        String serverFinal = "v=" + Base64.getEncoder().encodeToString(serverSignature);
        return new SaslStep.Success(stored.user(), serverFinal.getBytes(StandardCharsets.UTF_8));
    }

    private SaslStep fail(String reason) {
        stage = Stage.DONE;
        return new SaslStep.Failure(reason, username);
    }

    /** Hi() of RFC 5802 2.2: PBKDF2 with the variant's HMAC, one block. */
    private byte[] hi(byte[] password, byte[] salt, int iterations) {
        byte[] block = new byte[salt.length + 4];
        System.arraycopy(salt, 0, block, 0, salt.length);
        block[block.length - 1] = 1;
        byte[] u = Hmac.compute(variant.hmac, password, block);
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = Hmac.compute(variant.hmac, password, u);
            for (int j = 0; j < result.length; j++) {
                result[j] ^= u[j];
            }
        }
        return result;
    }

    private byte[] hmac(byte[] key, String text) {
        return Hmac.compute(variant.hmac, key, text.getBytes(StandardCharsets.US_ASCII));
    }

    private byte[] hash(byte[] data) {
        try {
            return MessageDigest.getInstance(variant.digest).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(variant.digest + " missing from this JVM", e);
        }
    }

    /** RFC 5802 5.1: {@code =2C} is a comma, {@code =3D} an equals sign; any other {@code =} is an error. */
    private static String saslName(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '=') {
                if (value.startsWith("=2C", i)) {
                    out.append(',');
                } else if (value.startsWith("=3D", i)) {
                    out.append('=');
                } else {
                    return null;
                }
                i += 2;
            } else if (c == ',') {
                return null;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean printable(String nonce) {
        return nonce.chars().allMatch(c -> c >= 0x21 && c <= 0x7e && c != ',');
    }

    /** The reduced SASLprep described in the class comment. */
    static String saslPrep(String password) {
        StringBuilder mapped = new StringBuilder(password.length());
        password.codePoints().forEach(c -> {
            if (c == 0x00AD || c == 0x034F || c == 0x1806 || (c >= 0x180B && c <= 0x180D) || c == 0x200B
                    || c == 0x200C || c == 0x200D || c == 0x2060 || (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF) {
                return;
            }
            if (c != ' ' && Character.isSpaceChar(c)) {
                mapped.append(' ');
            } else {
                mapped.appendCodePoint(c);
            }
        });
        return Normalizer.normalize(mapped, Normalizer.Form.NFKC);
    }

    private static String randomNonce() {
        return Base64.getEncoder().withoutPadding().encodeToString(randomBytes(18));
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
