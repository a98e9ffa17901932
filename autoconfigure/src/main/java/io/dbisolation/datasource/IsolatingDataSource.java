package io.dbisolation.datasource;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Wraps an application DataSource so that every connection it hands out points at the
 * test context's private schema, whatever URL the DataSource was built with.
 */
public class IsolatingDataSource extends DelegatingDataSource {

	private final String schema;

	public IsolatingDataSource(DataSource target, String schema) {
		super(target);
		this.schema = schema;
	}

	/**
	 * The schema every connection points at.
	 * @return the private schema's name
	 */
	public String schema() {
		return this.schema;
	}

	@Override
	public Connection getConnection() throws SQLException {
		return pointAtSchema(super.getConnection());
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return pointAtSchema(super.getConnection(username, password));
	}

	private Connection pointAtSchema(Connection connection) throws SQLException {
		// the catalog is tracked by the driver, so this costs a round trip only when the
		// DataSource was not built on the private schema's URL
		if (!this.schema.equals(connection.getCatalog())) {
			try {
				connection.setCatalog(this.schema);
			}
			catch (SQLException ex) {
				connection.close();
				throw ex;
			}
		}
		return connection;
	}

}
