/**
 * Where the starter meets Spring's own CORS support: the decision on Spring's server
 * request observation, a {@code CorsConfigurationSource} view of the policies, and the
 * application's own CORS configuration that a policy now shadows.
 */
@NullMarked
package dev.corsstarter.autoconfigure.interop;

import org.jspecify.annotations.NullMarked;
