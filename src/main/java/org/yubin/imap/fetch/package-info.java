/**
 * FETCH and STORE as data: {@link org.yubin.imap.fetch.FetchRequest} and
 * {@link org.yubin.imap.fetch.StoreRequest} parse the arguments after the sequence set,
 * {@link org.yubin.imap.fetch.FetchResponder} renders one {@code * n FETCH (...)} line.
 *
 * <p>A session serves FETCH as: parse; for each message in the set (skipping those not
 * changed since {@code changedSince()}), read the bytes only if {@code needsContent()}, wrap
 * them with {@code ParsedMessage.parse}, set \Seen first if {@code setsSeen()} and the
 * mailbox is writable, then write {@code FetchResponder.render(...)}. No I/O happens here.
 */
package org.yubin.imap.fetch;
