/**
 * Implementation of validation, not API: the rules and what they read.
 */
@NullMarked
package dev.corsstarter.core.internal.validation;

import org.jspecify.annotations.NullMarked;
