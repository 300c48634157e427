package org.yubin.filter.dkim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * DKIM key files: {@code <dkim-dir>/<domain>/<selector>.key} (PKCS#8 PEM, mode 0600) and
 * {@code <selector>.txt} beside it, the DNS record to publish. Stateless.
 */
public final class DkimKeys {

    /** A domain name in lower case: no slashes, no "..", so it is a safe directory name. */
    public static final Pattern DOMAIN = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+");
    /** A selector: one or more DNS labels (RFC 6376 section 3.1). */
    public static final Pattern SELECTOR = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");

    /** DNS character-strings hold at most 255 bytes. */
    private static final int TXT_STRING = 255;

    private DkimKeys() {
    }

    /** A new key pair: RSA 2048 bits or Ed25519. */
    public static KeyPair generate(DkimAlgorithm algorithm) throws GeneralSecurityException {
        if (algorithm == DkimAlgorithm.RSA_SHA256) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        }
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    /** The record's value: {@code v=DKIM1; k=rsa; p=...}. */
    public static String recordValue(DkimAlgorithm algorithm, PublicKey key) {
        return "v=DKIM1; k=" + algorithm.keyType() + "; p="
                + Base64.getEncoder().encodeToString(algorithm.publicKeyData(key));
    }

    /** The zone file line, the value in strings of at most 255 bytes: {@code S._domainkey.D. IN TXT "..." "..."}. */
    public static String zoneLine(String domain, String selector, String recordValue) {
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < recordValue.length(); i += TXT_STRING) {
            strings.add('"' + recordValue.substring(i, Math.min(i + TXT_STRING, recordValue.length())) + '"');
        }
        return selector + "._domainkey." + domain + ". IN TXT " + String.join(" ", strings);
    }

    /**
     * Writes the key and the record of {@code selector} for {@code domain}; the key file is
     * created with mode 0600 before the key is written into it.
     *
     * @throws FileAlreadyExistsException when the key exists and {@code replace} is false
     */
    public static void write(Path dkimDir, String domain, String selector, PrivateKey key, String zoneLine,
            boolean replace) throws IOException {
        Path dir = dkimDir.resolve(domain);
        Files.createDirectories(dir);
        Path keyFile = dir.resolve(selector + ".key");
        if (!replace && Files.exists(keyFile)) {
            throw new FileAlreadyExistsException(keyFile.toString());
        }
        Path temporary = Files.createTempFile(dir, selector, ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temporary, pem(key), StandardCharsets.US_ASCII);
            Files.writeString(dir.resolve(selector + ".txt"), zoneLine + "\n", StandardCharsets.US_ASCII);
            Files.move(temporary, keyFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Reads a PKCS#8 PEM private key, RSA or Ed25519. */
    public static PrivateKey read(Path keyFile) throws IOException, GeneralSecurityException {
        String pem = Files.readString(keyFile, StandardCharsets.US_ASCII);
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PKCS8EncodedKeySpec spec;
        try {
            spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException(keyFile + ": not a PEM key");
        }
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(spec);
        } catch (GeneralSecurityException notRsa) {
            try {
                return KeyFactory.getInstance("Ed25519").generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                throw new GeneralSecurityException(keyFile + ": not a PKCS#8 RSA or Ed25519 key");
            }
        }
    }

    static String pem(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }
}
