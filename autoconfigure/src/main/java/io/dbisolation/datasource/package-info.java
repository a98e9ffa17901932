/**
 * The isolating DataSource that routes a context's connections to its schema.
 */
package io.dbisolation.datasource;
