package io.dbisolation.context;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;

import io.dbisolation.datasource.OtherDatabases;
import io.dbisolation.schema.DatabaseCopy;
import io.dbisolation.schema.PrivateSchema;
import io.dbisolation.schema.SchemaNames;
import io.dbisolation.schema.SchemaOwner;
import io.dbisolation.schema.SchemaTarget;

/**
 * Gives a DataSource that points at another database of the context's server (a reports
 * database, say) a private copy of that database, made from a template of it, owned and
 * dropped with the context like its private schema. Databases on other servers, and the
 * server's own schemas, are kept.
 */
final class OtherDatabaseCopies implements OtherDatabases {

	private static final Log logger = LogFactory.getLog(OtherDatabaseCopies.class);

	private final SchemaTarget target;

	private final ConfigurableListableBeanFactory beanFactory;

	private final Map<String, String> copies = new ConcurrentHashMap<>();

	private final List<PrivateSchema> made;

	OtherDatabaseCopies(SchemaTarget target, ConfigurableListableBeanFactory beanFactory, List<PrivateSchema> made) {
		this.target = target;
		this.beanFactory = beanFactory;
		this.made = made;
	}

	@Override
	public String schemaFor(String hostAndPort, String database) {
		SchemaOwner owner = this.target.owner();
		if (!hostAndPort.equals(owner.server().url("").hostAndPort())
				|| owner.server().dialect().isSystemSchema(database) || database.startsWith(SchemaNames.PREFIX)) {
			logger.info("A DataSource points at database '" + database + "' on '" + hostAndPort
					+ "', which DbIsolation does not copy: each test on it is rolled back, but it sees and locks "
					+ "that database's real rows");
			return null;
		}
		return this.copies.computeIfAbsent(database, this::copy);
	}

	private String copy(String database) {
		SchemaOwner owner = this.target.owner();
		PrivateSchema copy = owner.create();
		try {
			copy.cloneFrom(owner.template(DatabaseCopy.of(owner.server(), database)));
		}
		catch (RuntimeException ex) {
			copy.destroy();
			throw ex;
		}
		// dropped with the context, like its private schema
		String beanName = "dbIsolationCopyOf_" + database;
		this.beanFactory.registerSingleton(beanName, copy);
		((DefaultSingletonBeanRegistry) this.beanFactory).registerDisposableBean(beanName, copy);
		this.made.add(copy);
		logger.debug("A DataSource on database '" + database + "' uses its private copy '" + copy.name() + "'");
		return copy.name();
	}

}
