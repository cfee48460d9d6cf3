/**
 * The policies in force and how they change while the application runs.
 */
@NullMarked
package dev.corsstarter.autoconfigure.lifecycle;

import org.jspecify.annotations.NullMarked;
