/**
 * The edge export outside the actuator: the offline command and the application settings
 * it reads beside the policies. Null-marked: what may be {@code null} says so.
 */
@NullMarked
package dev.corsstarter.autoconfigure.export;

import org.jspecify.annotations.NullMarked;
