/**
 * What stops startup and how it is explained: failure analyzers, their failures, the
 * Spring Boot version guard, and the sanitizing of values written to logs.
 */
@NullMarked
package dev.corsstarter.autoconfigure.diagnostics;

import org.jspecify.annotations.NullMarked;
