package io.dbisolation.datasource;

import java.util.List;

/**
 * How a rolled-back test ended.
 *
 * @param problems what went wrong, empty if every rollback covered everything
 * @param committed whether something the test wrote was committed for real (by a
 * statement that committed while it ran), so that its database must be repaired before
 * the next test
 */
public record TestOutcome(List<String> problems, boolean committed) {

}
