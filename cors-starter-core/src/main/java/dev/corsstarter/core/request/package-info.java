/**
 * What the engine reads of a request: the adapter contract each web stack implements.
 * Null-marked: what may be {@code null} says so.
 */
@NullMarked
package dev.corsstarter.core.request;

import org.jspecify.annotations.NullMarked;
