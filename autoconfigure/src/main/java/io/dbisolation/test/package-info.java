/**
 * The public surface of DbIsolation: the {@link io.dbisolation.test.DbIsolation}
 * annotation.
 */
package io.dbisolation.test;
