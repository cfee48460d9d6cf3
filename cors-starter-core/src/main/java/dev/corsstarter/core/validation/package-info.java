/**
 * What validation reports: violations with their rule codes, and the exception carrying
 * them. Null-marked: what may be {@code null} says so.
 */
@NullMarked
package dev.corsstarter.core.validation;

import org.jspecify.annotations.NullMarked;
