/**
 * The policies in force and how they change while the application runs: the registry, its
 * changes, and customizers of the configured policies.
 */
@NullMarked
package dev.corsstarter.autoconfigure.lifecycle;

import org.jspecify.annotations.NullMarked;
