/** The edge export outside the actuator: the offline command and what it reads. */
@NullMarked
package dev.corsstarter.autoconfigure.export;

import org.jspecify.annotations.NullMarked;
