/** The {@code cors} and {@code corsmigration} actuator endpoints. */
@NullMarked
package dev.corsstarter.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
