/**
 * What stops startup and how it is explained: failure analyzers, the invalid properties
 * failure and the Spring Boot version guard.
 */
@NullMarked
package dev.corsstarter.autoconfigure.diagnostics;

import org.jspecify.annotations.NullMarked;
