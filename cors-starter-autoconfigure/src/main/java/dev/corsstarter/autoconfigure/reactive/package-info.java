/**
 * The policy filter of reactive (WebFlux) applications.
 */
@NullMarked
package dev.corsstarter.autoconfigure.reactive;

import org.jspecify.annotations.NullMarked;
