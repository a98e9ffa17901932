package io.dbisolation.datasource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.dbisolation.dialect.Dialect;
import io.dbisolation.report.RunRecorder;

/**
 * The isolated DataSources of one test context, begun and ended together around each
 * test. DataSources on one database share the test's transaction.
 */
public final class IsolatedDataSources {

	private final List<IsolatingDataSource> dataSources = new CopyOnWriteArrayList<>();

	private final Map<Object, Boolean> proxies = Collections.synchronizedMap(new IdentityHashMap<>());

	void add(Object proxy, IsolatingDataSource dataSource) {
		this.proxies.put(proxy, Boolean.TRUE);
		this.dataSources.add(dataSource);
		RunRecorder.watchConnections(dataSource.target());
	}

	boolean isIsolated(Object bean) {
		return this.proxies.containsKey(bean);
	}

	/**
	 * Starts a rolled-back test on every DataSource. Called on the test's thread.
	 * @param testName the test, for messages
	 * @param testClassName the test class, for messages
	 */
	/**
	 * Makes the pools of the context's DataSources give up the connections they hold,
	 * after the database they point at was replaced by a new copy (on PostgreSQL, whose
	 * copies are databases of their own), which ended those connections' sessions.
	 */
	public void replaceConnections() {
		this.dataSources.forEach(IsolatingDataSource::replaceConnections);
	}

	public void beginTest(String testName, String testClassName) {
		Map<String, TestTransaction> byDatabase = new HashMap<>();
		for (IsolatingDataSource dataSource : this.dataSources) {
			dataSource.beginTest(byDatabase.computeIfAbsent(dataSource.database(),
					(database) -> dataSource.newTransaction(testName, testClassName)));
		}
	}

	/**
	 * Rolls the test back on every DataSource.
	 * @return what went wrong, and whether something was committed for real
	 */
	public TestOutcome endTest() {
		Set<TestTransaction> ended = Collections.newSetFromMap(new IdentityHashMap<>());
		for (IsolatingDataSource dataSource : this.dataSources) {
			TestTransaction transaction = dataSource.stopTest();
			if (transaction != null) {
				ended.add(transaction);
			}
		}
		List<String> problems = new ArrayList<>();
		boolean committed = false;
		for (TestTransaction transaction : ended) {
			problems.addAll(transaction.end());
			committed |= transaction.committed();
		}
		return new TestOutcome(List.copyOf(problems), committed);
	}

	/**
	 * Routes every DataSource to a test's own schema. Called on the test's thread.
	 * @param testName the test, for messages
	 * @param schema its schema
	 * @param connector opens connections to the schema where it is a database reached
	 * through the URL (PostgreSQL), {@code null} where pooled connections are switched to
	 * it
	 * @return the running test, to end it with
	 */
	public SchemaTest beginSchemaTest(String testName, String schema, Dialect.Connector connector) {
		SchemaTest test = new SchemaTest(testName, schema, connector);
		this.dataSources.stream()
			.filter(IsolatingDataSource::followsTestSchemas)
			.forEach((dataSource) -> dataSource.schemaTests().begin(test));
		return test;
	}

	/**
	 * Ends routing to a test's own schema; threads of the test are refused from now on,
	 * and its connections of its own are closed.
	 * @param test the test
	 */
	public void endSchemaTest(SchemaTest test) {
		test.end();
		this.dataSources.stream()
			.filter(IsolatingDataSource::followsTestSchemas)
			.forEach((dataSource) -> dataSource.schemaTests().end(test));
	}

}
