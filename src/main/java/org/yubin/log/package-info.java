/**
 * What every log line of yubin shares: untrusted text made printable ({@link org.yubin.log.LogText}).
 */
package org.yubin.log;
