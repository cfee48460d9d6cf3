/**
 * The variants the load comparison ({@code scripts/load-compare.sh}) runs the sample in,
 * each behind a profile and never active otherwise: {@code compare-ceiling} (a first
 * filter answering every {@code OPTIONS} with 204, the ceiling of the stack),
 * {@code compare-fair-ceiling} (a first filter answering every {@code OPTIONS} with the
 * starter's preflight response for the load test's request, hard-coded),
 * {@code compare-security-cors} (Spring Security's {@code cors()} with a
 * {@code CorsConfigurationSource} of the same policies) and {@code compare-none} (no CORS
 * handling at all). Each switches cors-starter off ({@code cors.enabled=false}, in
 * application.yml).
 */
package dev.corsstarter.sample.comparison;
