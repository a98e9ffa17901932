/**
 * Migration tools that fill templates: Flyway.
 */
package io.dbisolation.migration;
