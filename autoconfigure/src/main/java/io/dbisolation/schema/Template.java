package io.dbisolation.schema;

import io.dbisolation.dialect.SchemaSnapshot;

/**
 * A complete template schema and what was captured of it for cloning.
 *
 * @param name the template schema's name
 * @param snapshot the captured content
 * @param migrated whether this JVM ran the migrations to build it (otherwise it was found
 * complete)
 */
public record Template(String name, SchemaSnapshot snapshot, boolean migrated) {

}
