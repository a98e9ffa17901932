package io.dbisolation.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Writes the report when a JVM's tests are done (its JUnit launcher session closes): this
 * JVM's events go to its event file, and the page is made again from the event files of
 * every JVM of the run, so the JVM that finishes last leaves the whole picture.
 * Registered in {@code META-INF/services}. If no test context was isolated, no JVM of the
 * run has written events and a page of an earlier run is there, that page is deleted: it
 * would describe a run that is not this one.
 */
public final class ReportSessionListener implements LauncherSessionListener {

	private static final Log logger = LogFactory.getLog(ReportSessionListener.class);

	/**
	 * Writes a JVM's events and makes the page again from those of every JVM of the run.
	 * @param directory where the report goes
	 * @param runId the run
	 * @param pid the JVM's process id
	 * @param events its events
	 * @param startMillis when it started: event files of other runs older than that are
	 * deleted
	 * @return the page
	 * @throws IOException on failure to write
	 */
	static Path write(Path directory, String runId, long pid, List<RunEvent> events, long startMillis)
			throws IOException {
		RunFiles files = new RunFiles(directory, runId);
		files.write(pid, events);
		files.deleteEarlierRuns(startMillis);
		files.writePage(ReportPage.render(files.read()));
		return files.page();
	}

	/**
	 * Deletes the page of an earlier run, if no JVM of this run has written events.
	 * @param directory where the report goes
	 * @param runId the run
	 * @param startMillis when this JVM started: only a page older than that is deleted
	 * @return whether a page was deleted
	 */
	static boolean retireEarlierPage(Path directory, String runId, long startMillis) {
		try {
			return new RunFiles(directory, runId).deletePageOfEarlierRun(startMillis);
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Could not delete the report of an earlier run in '" + directory + "'", ex);
			return false;
		}
	}

	@Override
	public void launcherSessionClosed(LauncherSession session) {
		RunRecorder recorder = RunRecorder.instance();
		List<RunEvent> events = recorder.events();
		if (!recorder.enabled() || events.isEmpty()) {
			retireEarlierPage(recorder.directory(), RunFiles.runId(), recorder.startMillis());
			return;
		}
		recorder.stopSampling();
		List<RunEvent> all = new ArrayList<>(events);
		all.add(0,
				new RunEvent(RunEvent.JVM, recorder.startMillis(), System.currentTimeMillis() - recorder.startMillis(),
						"", Long.toString(ProcessHandle.current().pid()), "", 0));
		try {
			Path page = write(recorder.directory(), RunFiles.runId(), ProcessHandle.current().pid(), all,
					recorder.startMillis());
			logger.info("DbIsolation's report of this run: " + page.toUri());
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Could not write DbIsolation's report to '" + recorder.directory() + "': " + ex);
		}
	}

}
