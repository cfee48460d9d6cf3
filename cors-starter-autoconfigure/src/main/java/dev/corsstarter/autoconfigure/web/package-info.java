/**
 * What both web stacks share: how the application routes requests, and filter state.
 */
@NullMarked
package dev.corsstarter.autoconfigure.web;

import org.jspecify.annotations.NullMarked;
