package org.secr4j.design;

/**
 * Where a real parameter is evaluated: session (0-based), occasion (0-based; ignored by D) and
 * learned-response state.
 */
public record Context(int session, int occasion, boolean caught) {}
