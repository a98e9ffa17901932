package io.dbisolation.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import io.dbisolation.dialect.JdbcUrl;
import io.dbisolation.sample.SnippetboxApplication;

/**
 * The race with what teams do today for such tests: each repetition a database of its
 * own, created and migrated from scratch, and dropped after.
 */
@SpringBootTest(classes = { SnippetboxApplication.class, MigratedPerTestRace.Routing.class })
class MigratedPerTestRace extends RaceBodies {

	private static final AtomicInteger counter = new AtomicInteger();

	private static volatile String current;

	@Autowired
	private Environment environment;

	@Autowired
	private DataSource dataSource;

	@BeforeEach
	void createAndMigrate() throws SQLException {
		String database = "bench_migrated_" + counter.incrementAndGet();
		execute("CREATE DATABASE " + database);
		Flyway.configure()
			.dataSource(url(database), this.environment.getProperty("spring.datasource.username"), "")
			.load()
			.migrate();
		current = database;
	}

	@AfterEach
	void drop() throws SQLException {
		String database = current;
		current = null;
		execute("DROP DATABASE " + database);
	}

	private String url(String database) {
		return JdbcUrl.parse(this.environment.getProperty("spring.datasource.url")).withDatabase(database).value();
	}

	private void execute(String sql) throws SQLException {
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	/**
	 * Points every connection at the current test's database.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class Routing {

		@Bean
		static BeanPostProcessor routeToCurrentDatabase() {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					if (bean instanceof DataSource dataSource) {
						return new DelegatingDataSource(dataSource) {
							@Override
							public Connection getConnection() throws SQLException {
								Connection connection = super.getConnection();
								String database = current;
								if (database != null) {
									connection.setCatalog(database);
								}
								return connection;
							}
						};
					}
					return bean;
				}
			};
		}

	}

}
