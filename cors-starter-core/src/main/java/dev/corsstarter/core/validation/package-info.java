/**
 * What validation reports: violations, their rule codes, and the exception carrying them.
 */
@NullMarked
package dev.corsstarter.core.validation;

import org.jspecify.annotations.NullMarked;
