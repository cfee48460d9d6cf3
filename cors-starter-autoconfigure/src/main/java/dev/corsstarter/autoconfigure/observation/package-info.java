/** The decision log and metrics, and the escaping of every value logged. */
@NullMarked
package dev.corsstarter.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
