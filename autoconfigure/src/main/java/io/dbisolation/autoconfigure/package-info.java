/**
 * Spring Boot integration: the dbisolation.* properties.
 */
package io.dbisolation.autoconfigure;
