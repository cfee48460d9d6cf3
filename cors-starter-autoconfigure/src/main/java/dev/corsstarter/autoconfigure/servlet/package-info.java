/**
 * The CORS filter of servlet applications and the request as the engine reads it.
 */
@NullMarked
package dev.corsstarter.autoconfigure.servlet;

import org.jspecify.annotations.NullMarked;
