/**
 * A sample application whose schema comes from Liquibase or from SQL scripts.
 */
package io.dbisolation.sampleshapes;
