/**
 * Schemas: names, private schemas, templates and leftovers.
 */
package io.dbisolation.schema;
