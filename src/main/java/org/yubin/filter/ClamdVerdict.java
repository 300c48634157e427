package org.yubin.filter;

/**
 * What clamd said about one stream.
 *
 * @param signature the name of the signature that matched ({@code Eicar-Test-Signature},
 *                  {@code Test.EICAR.UNOFFICIAL}), {@code null} when the stream is clean
 */
public record ClamdVerdict(String signature) {

    public static final ClamdVerdict CLEAN = new ClamdVerdict(null);

    public boolean infected() {
        return signature != null;
    }
}
