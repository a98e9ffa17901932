/**
 * The small application whose test contexts the fault-injection tests run and disturb.
 */
package io.dbisolation.fault.app;
