/** The policies in force, how they change while running, and their customizers. */
@NullMarked
package dev.corsstarter.autoconfigure.lifecycle;

import org.jspecify.annotations.NullMarked;
