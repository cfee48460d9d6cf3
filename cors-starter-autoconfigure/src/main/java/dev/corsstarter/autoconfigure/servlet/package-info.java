/**
 * The policy filter of servlet (Spring MVC) applications.
 */
@NullMarked
package dev.corsstarter.autoconfigure.servlet;

import org.jspecify.annotations.NullMarked;
