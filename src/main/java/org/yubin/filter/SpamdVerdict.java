package org.yubin.filter;

import java.util.List;

/**
 * What spamd said about one message.
 *
 * @param spam         SpamAssassin's verdict (score at or above the user's required score)
 * @param score        the message's score
 * @param threshold    the required score that applied
 * @param headerFields SpamAssassin's own {@code X-Spam-*} fields, unchanged (folded lines
 *                     kept, each without its final line break), in spamd's order
 */
public record SpamdVerdict(boolean spam, double score, double threshold, List<String> headerFields) {

    public SpamdVerdict {
        headerFields = List.copyOf(headerFields);
    }
}
