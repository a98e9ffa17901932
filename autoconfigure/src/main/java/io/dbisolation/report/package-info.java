/**
 * The report of a run: events recorded while tests run, and the HTML page made of them.
 */
package io.dbisolation.report;
