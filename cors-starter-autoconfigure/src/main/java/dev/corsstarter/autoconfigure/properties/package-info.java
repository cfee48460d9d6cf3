/** How policies come in: the {@code cors.*} properties and the one loader of them. */
@NullMarked
package dev.corsstarter.autoconfigure.properties;

import org.jspecify.annotations.NullMarked;
