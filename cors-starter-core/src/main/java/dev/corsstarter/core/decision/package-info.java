/**
 * The engine: compiled policies deciding requests, and the decisions it returns.
 * Null-marked: what may be {@code null} says so.
 */
@NullMarked
package dev.corsstarter.core.decision;

import org.jspecify.annotations.NullMarked;
