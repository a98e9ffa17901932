package io.dbisolation.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives the annotated {@code @SpringBootTest} class a database of its own, so that test
 * classes, forks and machines can run in parallel against one server without seeing each
 * other's data.
 * <p>
 * With no {@code spring.datasource.url} configured, an embedded MariaDB is started and
 * used; with one, that server is used. Can be used as a meta-annotation and is inherited.
 *
 * @see Mode
 */
@Target({ ElementType.TYPE, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface DbIsolation {

	/**
	 * How the tests of the annotated class are isolated.
	 * @return the isolation mode, {@link Mode#SCHEMA} by default
	 */
	Mode mode() default Mode.SCHEMA;

	/**
	 * Names of DataSource beans to leave alone: they keep their own database and what
	 * they write is not rolled back. By default every DataSource is isolated: one on the
	 * application's database is pointed at the private schema; one on another database of
	 * the same server gets a private copy of that database; one on another server keeps
	 * its database and each test on it is rolled back. DataSources on one database share
	 * each test's transaction.
	 * @return the bean names of the DataSources to leave alone
	 */
	String[] excludeDataSources() default {};

	/**
	 * The unit of isolation.
	 */
	enum Mode {

		/**
		 * A private schema (in MySQL terms a database) for each Spring test context,
		 * cloned from a template that the migrations built once.
		 */
		SCHEMA,

		/**
		 * No new schemas: all contexts share the configured database and each test is
		 * rolled back. For users who may not create databases.
		 */
		TRANSACTION,

		/**
		 * A fresh schema for each test method, where commits are real. For tests of
		 * transactions, locking and concurrency.
		 */
		SCHEMA_PER_TEST

	}

}
