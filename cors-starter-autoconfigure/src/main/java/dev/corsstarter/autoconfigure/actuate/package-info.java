/** Actuator endpoints: the policies, a dry run of a request, and their export. */
@NullMarked
package dev.corsstarter.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
