package io.dbisolation.datasource;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every method of every wrapped JDBC interface has an explicit decision, and no method
 * that hands out a JDBC object is passed through unwrapped.
 */
class DecisionTableTests {

	private static final Set<Class<?>> RAW_OBJECTS = Set.of(Connection.class, Statement.class, PreparedStatement.class,
			CallableStatement.class, ResultSet.class, DatabaseMetaData.class, DataSource.class);

	static List<Object[]> tables() {
		return List.of(new Object[] { Connection.class, LeasedConnection.TABLE },
				new Object[] { Statement.class, LeasedStatement.STATEMENT },
				new Object[] { PreparedStatement.class, LeasedStatement.PREPARED },
				new Object[] { CallableStatement.class, LeasedStatement.CALLABLE },
				new Object[] { DatabaseMetaData.class, LeasedMetaData.TABLE },
				new Object[] { ResultSet.class, LeasedResultSet.TABLE },
				new Object[] { DataSource.class, IsolatingDataSource.TABLE });
	}

	@ParameterizedTest
	@MethodSource("tables")
	void everyMethodOfTheInterfaceHasADecision(Class<?> type, DecisionTable table) {
		assertThat(instanceMethods(type).filter((method) -> !table.decides(method)).map(Method::getName))
			.as("methods of %s without a decision", type.getSimpleName())
			.isEmpty();
	}

	@ParameterizedTest
	@MethodSource("tables")
	void noMethodThatReturnsAJdbcObjectIsPassedThroughUnwrapped(Class<?> type, DecisionTable table) {
		assertThat(instanceMethods(type).filter((method) -> table.decision(method) == Decision.DELEGATE)
			.filter((method) -> RAW_OBJECTS.contains(method.getReturnType()))
			.map(Method::getName)).isEmpty();
	}

	@Test
	void aMethodTheTableDoesNotNameIsRefusedWithItsName() throws NoSuchMethodException {
		DecisionTable table = DecisionTable.of(Connection.class).delegate("getCatalog").build();
		Method method = Connection.class.getMethod("getSchema");
		assertThat(table.decision(method)).isEqualTo(Decision.REFUSE);
		SQLException refusal = table.refusal(method, "ATest.works");
		assertThat((Throwable) refusal).hasMessage("'Connection.getSchema' is not supported on the connection of test "
				+ "'ATest.works': DbIsolation does not know whether it is safe inside a rolled-back test, so it does "
				+ "not pass it on. Use another method, or use @DbIsolation(mode = SCHEMA_PER_TEST), where "
				+ "connections are real.");
		assertThat(refusal.getSQLState()).isEqualTo("0A000");
	}

	private static java.util.stream.Stream<Method> instanceMethods(Class<?> type) {
		return Arrays.stream(type.getMethods()).filter((method) -> !Modifier.isStatic(method.getModifiers()));
	}

}
