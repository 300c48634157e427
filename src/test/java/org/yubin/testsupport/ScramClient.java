package org.yubin.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client side of SCRAM (RFC 5802), written from the RFC for tests: builds the
 * client-first and client-final messages and checks the server's signature. ASCII
 * passwords only (no SASLprep).
 */
public final class ScramClient {

    private final String digest;
    private final String hmac;
    private final String user;
    private final String password;
    private final String gs2Header;
    private final String clientNonce;
    private byte[] serverSignature;

    private ScramClient(String digest, String hmac, String user, String password, String gs2Header) {
        this.digest = digest;
        this.hmac = hmac;
        this.user = user;
        this.password = password;
        this.gs2Header = gs2Header;
        byte[] nonce = new byte[18];
        new SecureRandom().nextBytes(nonce);
        this.clientNonce = Base64.getEncoder().withoutPadding().encodeToString(nonce);
    }

    public static ScramClient sha1(String user, String password, String gs2Header) {
        return new ScramClient("SHA-1", "HmacSHA1", user, password, gs2Header);
    }

    public static ScramClient sha256(String user, String password, String gs2Header) {
        return new ScramClient("SHA-256", "HmacSHA256", user, password, gs2Header);
    }

    private String firstBare() {
        return "n=" + user.replace("=", "=3D").replace(",", "=2C") + ",r=" + clientNonce;
    }

    public String first() {
        return gs2Header + firstBare();
    }

    /** The client-final-message answering {@code serverFirst}. */
    public String last(String serverFirst) {
        Map<String, String> attributes = new HashMap<>();
        for (String attribute : serverFirst.split(",")) {
            attributes.put(attribute.substring(0, 1), attribute.substring(2));
        }
        byte[] salt = Base64.getDecoder().decode(attributes.get("s"));
        int iterations = Integer.parseInt(attributes.get("i"));
        String withoutProof = "c=" + Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8))
                + ",r=" + attributes.get("r");
        byte[] salted = hi(password.getBytes(StandardCharsets.UTF_8), salt, iterations);
        byte[] clientKey = mac(salted, "Client Key".getBytes(StandardCharsets.US_ASCII));
        byte[] storedKey = hash(clientKey);
        byte[] authMessage = (firstBare() + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
        byte[] signature = mac(storedKey, authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ signature[i]);
        }
        serverSignature = mac(mac(salted, "Server Key".getBytes(StandardCharsets.US_ASCII)), authMessage);
        return withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
    }

    /** Whether the server-final-message proves that the server knew the password. */
    public boolean verifies(String serverFinal) {
        return serverFinal.equals("v=" + Base64.getEncoder().encodeToString(serverSignature));
    }

    private byte[] hi(byte[] key, byte[] salt, int iterations) {
        byte[] block = new byte[salt.length + 4];
        System.arraycopy(salt, 0, block, 0, salt.length);
        block[block.length - 1] = 1;
        byte[] u = mac(key, block);
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = mac(key, u);
            for (int j = 0; j < result.length; j++) {
                result[j] ^= u[j];
            }
        }
        return result;
    }

    private byte[] mac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(hmac);
            mac.init(new SecretKeySpec(key, hmac));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] hash(byte[] data) {
        try {
            return MessageDigest.getInstance(digest).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
