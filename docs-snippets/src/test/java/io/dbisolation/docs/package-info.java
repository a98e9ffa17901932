/**
 * Checks that the documentation shows the code this module compiles and runs.
 */
package io.dbisolation.docs;
