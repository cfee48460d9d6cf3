/**
 * The engine: compiled policies deciding requests, and the decisions they return.
 */
@NullMarked
package dev.corsstarter.core.decision;

import org.jspecify.annotations.NullMarked;
