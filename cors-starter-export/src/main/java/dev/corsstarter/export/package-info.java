/**
 * The compiled CORS policies as edge configuration: a format-neutral {@link EdgePlan} and
 * the {@link EdgeRenderer} of each format. Null-marked: what may be {@code null} says so.
 */
@NullMarked
package dev.corsstarter.export;

import org.jspecify.annotations.NullMarked;
