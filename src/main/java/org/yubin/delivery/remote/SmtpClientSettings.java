package org.yubin.delivery.remote;

import java.time.Duration;

/**
 * How the SMTP client behaves towards every server.
 *
 * @param heloName        the name given in EHLO/HELO
 * @param connectTimeout  TCP connection set-up
 * @param commandTimeout  waiting for a reply, and for the server to take more data
 * @param dataDoneTimeout waiting for the reply after the final dot
 */
public record SmtpClientSettings(String heloName, Duration connectTimeout, Duration commandTimeout,
                                 Duration dataDoneTimeout) { }
