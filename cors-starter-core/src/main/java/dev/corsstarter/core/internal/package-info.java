/**
 * Implementation of the engine, not API: origin grammar and header checks.
 */
@NullMarked
package dev.corsstarter.core.internal;

import org.jspecify.annotations.NullMarked;
