package io.dbisolation.datasource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The isolating DataSources of one test context, begun and ended together around each
 * test.
 */
public final class IsolatedDataSources {

	private final List<IsolatingDataSource> dataSources = new CopyOnWriteArrayList<>();

	void add(IsolatingDataSource dataSource) {
		this.dataSources.add(dataSource);
	}

	/**
	 * Starts a test on every DataSource.
	 * @param testName the test, for messages
	 * @param testClassName the test class, for messages
	 */
	public void beginTest(String testName, String testClassName) {
		this.dataSources.forEach((dataSource) -> dataSource.beginTest(testName, testClassName));
	}

	/**
	 * Routes every DataSource to a test's own schema.
	 * @param testName the test
	 * @param schema its schema
	 */
	public void beginSchemaTest(String testName, String schema) {
		this.dataSources.forEach((dataSource) -> dataSource.beginSchemaTest(testName, schema));
	}

	/**
	 * Ends routing to a test's own schema.
	 * @param testName the test
	 */
	public void endSchemaTest(String testName) {
		this.dataSources.forEach((dataSource) -> dataSource.endSchemaTest(testName));
	}

	/**
	 * Rolls the test back on every DataSource.
	 * @return what went wrong, empty if every rollback covered everything
	 */
	public List<String> endTest() {
		List<String> problems = new ArrayList<>();
		this.dataSources.forEach((dataSource) -> problems.addAll(dataSource.endTest()));
		return problems;
	}

}
