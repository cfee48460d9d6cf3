/**
 * The validation behind {@code CorsEngine.compile}: the policies parsed once, the rules
 * by concern, and their texts. Null-marked: what may be {@code null} says so.
 */
@NullMarked
package dev.corsstarter.core.internal.validation;

import org.jspecify.annotations.NullMarked;
