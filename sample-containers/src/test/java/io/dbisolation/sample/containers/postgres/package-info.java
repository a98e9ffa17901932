/**
 * The PostgreSQL shop's suite on a PostgreSQL container: a {@code @ServiceConnection}
 * bean, {@code @DynamicPropertySource} and a {@code jdbc:tc:} URL.
 */
package io.dbisolation.sample.containers.postgres;
