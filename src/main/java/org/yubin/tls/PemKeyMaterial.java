package org.yubin.tls;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads a PEM certificate chain and its PEM private key, as Postfix's
 * {@code smtpd_tls_chain_files} takes them: RSA or EC keys, PKCS#8
 * ({@code BEGIN PRIVATE KEY}) or traditional ({@code BEGIN RSA/EC PRIVATE KEY}).
 * Encrypted keys are refused. The key must belong to the first certificate.
 */
public final class PemKeyMaterial {

    private PemKeyMaterial() {
    }

    /** Loads and checks one certificate; any problem is an {@link InvalidKeyMaterialException} naming the file. */
    public static CertifiedKey load(List<String> hostnames, Path certFile, Path keyFile) {
        List<X509Certificate> chain = readChain(certFile);
        PrivateKey key = readKey(keyFile);
        requirePair(key, chain.get(0), keyFile);
        return new CertifiedKey(hostnames, key, chain, certFile.toString());
    }

    static List<X509Certificate> readChain(Path file) {
        List<X509Certificate> chain = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof X509CertificateHolder holder) {
                    chain.add(converter.getCertificate(holder));
                }
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new InvalidKeyMaterialException(file + ": unreadable certificate: " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new InvalidKeyMaterialException(file + ": no PEM certificate found");
        }
        return chain;
    }

    static PrivateKey readKey(Path file) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
                if (item instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (item instanceof PEMEncryptedKeyPair || item instanceof PKCS8EncryptedPrivateKeyInfo) {
                    throw new InvalidKeyMaterialException(file + ": encrypted private keys are not supported");
                }
                // anything else (EC PARAMETERS, a certificate in the same file) is skipped
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidKeyMaterialException invalid) {
                throw invalid;
            }
            throw new InvalidKeyMaterialException(file + ": unreadable private key: " + e.getMessage(), e);
        }
        throw new InvalidKeyMaterialException(file + ": no PEM private key found");
    }

    /** Signs a probe with the key and verifies it with the certificate: catches a cert replaced without its key. */
    private static void requirePair(PrivateKey key, X509Certificate leaf, Path keyFile) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> throw new InvalidKeyMaterialException(keyFile + ": unsupported key type " + key.getAlgorithm()
                    + " (RSA or EC only)");
        };
        byte[] probe = "yubin key check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(probe);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            throw new InvalidKeyMaterialException(keyFile + ": key does not match the certificate: " + e.getMessage(), e);
        }
        throw new InvalidKeyMaterialException(keyFile + ": key does not match the certificate");
    }
}
