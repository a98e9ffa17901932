/**
 * What the fault-injection tests need: a disposable MariaDB, child JVMs and a way to talk
 * to them.
 */
package io.dbisolation.fault.support;
