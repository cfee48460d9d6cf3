/**
 * Failure analysis: an invalid CORS configuration, an unsupported Spring Boot version.
 */
@NullMarked
package dev.corsstarter.autoconfigure.diagnostics;

import org.jspecify.annotations.NullMarked;
