/**
 * What the engine reads of a request: the contract each web stack implements.
 */
@NullMarked
package dev.corsstarter.core.request;

import org.jspecify.annotations.NullMarked;
