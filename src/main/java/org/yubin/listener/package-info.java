/**
 * Plumbing that every protocol listener (SMTP, IMAP, POP3) puts around its codec and
 * session: refusing connections beyond a limit, ending silent sessions, and the parts of
 * the command decoders that are not protocol (pausing between frames, dropping plain text
 * after STARTTLS, skipping an overlong line). It lives here once so that the three servers
 * guard their sockets in the same way; each protocol supplies only its own wording (the
 * refusal line, the log text), and its package keeps only its codec, state machine and
 * commands.
 */
package org.yubin.listener;
