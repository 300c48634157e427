/**
 * SEARCH as data: {@link org.yubin.imap.search.SearchRequest} parses the keys into
 * {@link org.yubin.imap.search.SearchKey} records, {@link org.yubin.imap.search.SearchMatcher}
 * tests one message given as a {@link org.yubin.imap.search.SearchContext}. The session
 * answers {@code NO [BADCHARSET (UTF-8 US-ASCII)]} on {@link org.yubin.imap.search.BadCharsetException}
 * and {@code BAD} on {@code ImapSyntaxException}. No I/O happens here.
 */
package org.yubin.imap.search;
