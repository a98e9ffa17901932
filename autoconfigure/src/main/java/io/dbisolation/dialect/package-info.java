/**
 * The SQL that differs between database engines.
 */
package io.dbisolation.dialect;
