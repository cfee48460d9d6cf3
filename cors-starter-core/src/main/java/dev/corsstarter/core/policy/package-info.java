/**
 * The policy model as configured: plain values, not yet validated or compiled.
 */
@NullMarked
package dev.corsstarter.core.policy;

import org.jspecify.annotations.NullMarked;
