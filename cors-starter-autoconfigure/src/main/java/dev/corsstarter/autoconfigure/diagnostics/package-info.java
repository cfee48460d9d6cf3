/** What stops startup and how it is explained: failure analyzers and their failures. */
@NullMarked
package dev.corsstarter.autoconfigure.diagnostics;

import org.jspecify.annotations.NullMarked;
