/**
 * The CORS web filter of WebFlux applications and the request as the engine reads it.
 */
@NullMarked
package dev.corsstarter.autoconfigure.reactive;

import org.jspecify.annotations.NullMarked;
