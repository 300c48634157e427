package org.yubin.delivery.remote;

/**
 * One host that accepts mail for a destination.
 *
 * @param name       host name without the trailing dot, or an IP address literal
 * @param preference MX preference (lower is tried first); 0 for implicit MX and relayhosts
 */
public record MxHost(String name, int preference) { }
