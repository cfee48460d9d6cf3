/**
 * What both web stacks share: how the application routes requests, read once.
 */
@NullMarked
package dev.corsstarter.autoconfigure.web;

import org.jspecify.annotations.NullMarked;
