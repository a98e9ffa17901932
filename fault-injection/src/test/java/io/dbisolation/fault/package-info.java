/**
 * Fault-injection tests: they kill, restart and starve a disposable MariaDB and the JVMs
 * that use it.
 */
package io.dbisolation.fault;
