/**
 * Auto-configuration of cors-starter.
 */
@NullMarked
package dev.corsstarter.autoconfigure;

import org.jspecify.annotations.NullMarked;
