/**
 * A small PostgreSQL application whose migrations create extensions.
 */
package io.dbisolation.fault.extension;
