package org.yubin.filter;

import java.io.IOException;

/** A filter daemon answered with an error or with something that is not its protocol. */
public class DaemonException extends IOException {

    public DaemonException(String message) {
        super(message);
    }
}
