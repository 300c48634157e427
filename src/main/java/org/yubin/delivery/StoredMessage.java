package org.yubin.delivery;

import java.nio.file.Path;

/**
 * Where a delivered message is.
 *
 * @param path           the message file ({@code new/} or, for an earlier delivery the user has seen, {@code cur/})
 * @param alreadyPresent true when an earlier delivery of the same queue id was found and nothing was written
 */
public record StoredMessage(Path path, boolean alreadyPresent) { }
