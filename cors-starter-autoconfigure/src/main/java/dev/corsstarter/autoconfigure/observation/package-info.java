/**
 * Observing decisions: logs and metrics.
 */
@NullMarked
package dev.corsstarter.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
