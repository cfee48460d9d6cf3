/**
 * What the starter reports about its decisions: the DEBUG log, the metrics, and the
 * escaping of every value it logs.
 */
@NullMarked
package dev.corsstarter.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
