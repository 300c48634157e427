package org.yubin.filter.dkim;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The signing algorithms yubin signs and verifies with: {@code rsa-sha256} (RFC 6376;
 * {@code rsa-sha1} is not accepted, RFC 8301) and {@code ed25519-sha256} (RFC 8463, which
 * signs the SHA-256 hash of the header data with PureEdDSA). Keys are the JDK's.
 */
public enum DkimAlgorithm {
    RSA_SHA256("rsa-sha256", "rsa"),
    ED25519_SHA256("ed25519-sha256", "ed25519");

    /** RFC 8301: verifiers must not accept RSA keys below 1024 bits. */
    static final int MIN_RSA_BITS = 1024;

    /** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410), before the raw 32-byte key. */
    private static final byte[] ED25519_SPKI_PREFIX = {
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private final String tag;
    private final String keyType;

    DkimAlgorithm(String tag, String keyType) {
        this.tag = tag;
        this.keyType = keyType;
    }

    /** The {@code a=} value. */
    public String tag() {
        return tag;
    }

    /** The {@code k=} value of the key record. */
    public String keyType() {
        return keyType;
    }

    static Optional<DkimAlgorithm> ofTag(String tag) {
        return Arrays.stream(values()).filter(a -> a.tag.equals(tag.toLowerCase(Locale.ROOT))).findFirst();
    }

    /** The algorithm that signs with this key ({@code RSA} or {@code Ed25519}/{@code EdDSA}). */
    static DkimAlgorithm forKey(PrivateKey key) {
        return key.getAlgorithm().equals("RSA") ? RSA_SHA256 : ED25519_SHA256;
    }

    byte[] sign(PrivateKey key, byte[] data) throws GeneralSecurityException {
        Signature signature = signature();
        signature.initSign(key);
        signature.update(input(data));
        return signature.sign();
    }

    boolean verify(PublicKey key, byte[] data, byte[] signed) throws GeneralSecurityException {
        Signature signature = signature();
        signature.initVerify(key);
        signature.update(input(data));
        return signature.verify(signed);
    }

    /** The public key of a key record's {@code p=} value (decoded from base64). */
    PublicKey publicKey(byte[] p) throws GeneralSecurityException {
        if (this == RSA_SHA256) {
            PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(p));
            if (((RSAPublicKey) key).getModulus().bitLength() < MIN_RSA_BITS) {
                throw new GeneralSecurityException("RSA key shorter than " + MIN_RSA_BITS + " bits");
            }
            return key;
        }
        if (p.length != 32) {
            throw new GeneralSecurityException("Ed25519 key is not 32 bytes");
        }
        byte[] spki = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + 32);
        System.arraycopy(p, 0, spki, ED25519_SPKI_PREFIX.length, 32);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    }

    /** The bytes a key record's {@code p=} carries for {@code key}: SubjectPublicKeyInfo for RSA, the raw key for Ed25519. */
    byte[] publicKeyData(PublicKey key) {
        byte[] encoded = key.getEncoded();
        return this == RSA_SHA256 ? encoded : Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    }

    private Signature signature() throws GeneralSecurityException {
        return Signature.getInstance(this == RSA_SHA256 ? "SHA256withRSA" : "Ed25519");
    }

    private byte[] input(byte[] data) throws GeneralSecurityException {
        return this == RSA_SHA256 ? data : MessageDigest.getInstance("SHA-256").digest(data);
    }
}
