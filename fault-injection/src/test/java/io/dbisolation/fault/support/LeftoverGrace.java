package io.dbisolation.fault.support;

import java.time.Duration;

import org.awaitility.Awaitility;

/**
 * How long after a run stopped a later run may still treat it as alive. A run whose lock
 * connection was lost looks, from outside, like a run that died: its locks are free. So
 * that the first keeps its schemas, a run's schemas become leftovers only once it has
 * also been silent (no heartbeat) for a while: 15 s in DbIsolation's owner lifecycle.
 * Tests that expect the next run to clean up start it after this grace.
 */
public final class LeftoverGrace {

	/**
	 * The library's silence rule, plus a margin for the last heartbeat before the end.
	 */
	public static final Duration GRACE = Duration.ofSeconds(18);

	private LeftoverGrace() {
	}

	/**
	 * Waits until runs that stopped at a moment count as gone.
	 * @param stoppedAtNanos when the last of them stopped, in {@link System#nanoTime()}
	 * time
	 */
	public static void awaitRunsGoneSince(long stoppedAtNanos) {
		Awaitility.await("runs stopped " + GRACE.toSeconds() + " s ago count as gone")
			.atMost(GRACE.plusSeconds(10))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> System.nanoTime() - stoppedAtNanos >= GRACE.toNanos());
	}

}
