/**
 * The policy model as configured: plain values, not yet validated or compiled.
 * Null-marked: what may be {@code null} says so.
 */
@NullMarked
package dev.corsstarter.core.policy;

import org.jspecify.annotations.NullMarked;
