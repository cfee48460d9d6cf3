/**
 * The policies in force and how they change while the application runs: the registry, its
 * changes, and customizers of the configured policies. Null-marked: what may be
 * {@code null} says so.
 */
@NullMarked
package dev.corsstarter.autoconfigure.lifecycle;

import org.jspecify.annotations.NullMarked;
