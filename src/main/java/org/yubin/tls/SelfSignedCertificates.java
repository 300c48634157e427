package org.yubin.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificate used when {@code yubin.tls.certificates} is empty: a self-signed RSA
 * 2048 certificate for {@code yubin.hostname}, kept as {@code selfsigned.crt} and
 * {@code selfsigned.key} (mode 600) in {@code <data-dir>/tls/}. It is generated once and
 * reused on later starts; a new one replaces it only when the host name changed or it
 * has expired. Like Debian's snakeoil certificate, it is valid for ten years.
 */
public final class SelfSignedCertificates {

    static final String CERT_FILE = "selfsigned.crt";
    static final String KEY_FILE = "selfsigned.key";
    private static final Duration VALIDITY = Duration.ofDays(3650);

    private SelfSignedCertificates() {
    }

    /** The certificate in {@code dir} for {@code hostname}, generated there first if needed. */
    public static CertifiedKey loadOrCreate(Path dir, String hostname, Clock clock) {
        Path cert = dir.resolve(CERT_FILE);
        Path key = dir.resolve(KEY_FILE);
        if (Files.exists(cert) && Files.exists(key)) {
            try {
                CertifiedKey existing = PemKeyMaterial.load(List.of(hostname), cert, key);
                if (usable(existing.leaf(), hostname, clock.instant())) {
                    return selfSigned(existing);
                }
            } catch (InvalidKeyMaterialException e) {
                // unreadable leftovers are replaced below, like an expired certificate
            }
        }
        CertifiedKey created = generate(hostname, clock.instant());
        write(dir, created);
        return selfSigned(created);
    }

    private static CertifiedKey selfSigned(CertifiedKey key) {
        return new CertifiedKey(key.hostnames(), key.key(), key.chain(), "self-signed");
    }

    private static boolean usable(X509Certificate cert, String hostname, Instant now) {
        if (cert.getNotAfter().toInstant().isBefore(now.plus(Duration.ofDays(1)))) {
            return false;
        }
        try {
            Collection<List<?>> names = cert.getSubjectAlternativeNames();
            return names != null && names.stream()
                    .anyMatch(name -> Integer.valueOf(GeneralName.dNSName).equals(name.get(0))
                            && hostname.equalsIgnoreCase(String.valueOf(name.get(1))));
        } catch (CertificateParsingException e) {
            return false;
        }
    }

    static CertifiedKey generate(String hostname, Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, hostname).build();
            BigInteger serial = new BigInteger(64, new SecureRandom());
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial,
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(VALIDITY)), subject, pair.getPublic())
                    .addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(new GeneralName(GeneralName.dNSName, hostname)))
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
            return new CertifiedKey(List.of(hostname), pair.getPrivate(), List.of(cert), "self-signed");
        } catch (GeneralSecurityException | OperatorCreationException | IOException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot generate a self-signed certificate for " + hostname + ": "
                    + e.getMessage(), e);
        }
    }

    /** Key first, certificate last, each written aside and renamed: a crash never leaves a cert without its key. */
    private static void write(Path dir, CertifiedKey created) {
        try {
            Files.createDirectories(dir);
            replace(dir, KEY_FILE, pem(new JcaPKCS8Generator(created.key(), null)), true);
            replace(dir, CERT_FILE, pem(created.leaf()), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the self-signed certificate to " + dir, e);
        }
    }

    private static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }

    private static void replace(Path dir, String name, String content, boolean secret) throws IOException {
        Path temp = dir.resolve(name + ".tmp");
        Files.deleteIfExists(temp);
        if (secret && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(temp, content, StandardCharsets.US_ASCII);
        try {
            Files.move(temp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
