package org.yubin.tls;

/** A certificate or key file that cannot be used; the message names the file and the reason. */
public class InvalidKeyMaterialException extends RuntimeException {

    public InvalidKeyMaterialException(String message) {
        super(message);
    }

    public InvalidKeyMaterialException(String message, Throwable cause) {
        super(message, cause);
    }
}
