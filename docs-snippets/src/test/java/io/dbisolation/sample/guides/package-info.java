/**
 * The code of the migration guides in {@code docs/guides}, "before" (compiled only) and
 * "after" (run).
 */
package io.dbisolation.sample.guides;
