package org.yubin.smtp.hook;

import java.net.InetAddress;

import org.yubin.directory.MailUser;
import org.yubin.tls.TlsSessionInfo;

/**
 * One MAIL command as the hooks see it.
 *
 * @param listener      {@code mx}, {@code submission} or {@code smtps}
 * @param clientAddress the client's IP address, {@code null} if the transport has none
 * @param mailFrom      reverse path without brackets, empty for the null sender
 * @param tls           the session's TLS, {@code null} in plain text
 * @param authenticated the user who logged in with AUTH, {@code null} if none did
 */
public record MailRequest(String listener, InetAddress clientAddress, String mailFrom, TlsSessionInfo tls,
                          MailUser authenticated) {
}
