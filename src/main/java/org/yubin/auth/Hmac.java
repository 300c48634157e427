package org.yubin.auth;

import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC over byte arrays with the JDK's providers. */
final class Hmac {

    private Hmac() {
    }

    static byte[] compute(String algorithm, byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            // an empty key is legal for HMAC but not for SecretKeySpec
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, algorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " missing from this JVM", e);
        }
    }
}
