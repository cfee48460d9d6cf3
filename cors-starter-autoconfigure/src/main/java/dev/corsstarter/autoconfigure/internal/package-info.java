/**
 * Implementation of the auto-configuration, not API.
 */
@NullMarked
package dev.corsstarter.autoconfigure.internal;

import org.jspecify.annotations.NullMarked;
