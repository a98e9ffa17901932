package io.dbisolation.context;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;

import io.dbisolation.test.DbIsolation;
import io.dbisolation.test.DbIsolation.Mode;
import io.dbisolation.test.DbIsolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DbIsolationContextCustomizerFactoryTests {

	private final DbIsolationContextCustomizerFactory factory = new DbIsolationContextCustomizerFactory();

	@Test
	void classWithoutTheAnnotationGetsNoCustomizer() {
		assertThat(this.factory.createContextCustomizer(Plain.class, List.of())).isNull();
	}

	@Test
	void annotatedClassGetsACustomizerForItsMode() {
		assertThat(this.factory.createContextCustomizer(Annotated.class, List.of()))
			.isEqualTo(new DbIsolationContextCustomizer(Mode.SCHEMA));
		assertThat(this.factory.createContextCustomizer(PerTest.class, List.of()))
			.isEqualTo(new DbIsolationContextCustomizer(Mode.SCHEMA_PER_TEST));
	}

	@Test
	void metaAnnotatedInheritingAndNestedClassesAreIsolatedToo() {
		DbIsolationContextCustomizer expected = new DbIsolationContextCustomizer(Mode.SCHEMA);
		assertThat(this.factory.createContextCustomizer(MetaAnnotated.class, List.of())).isEqualTo(expected);
		assertThat(this.factory.createContextCustomizer(Inheriting.class, List.of())).isEqualTo(expected);
		assertThat(this.factory.createContextCustomizer(Annotated.Inner.class, List.of())).isEqualTo(expected);
	}

	@Test
	void replacingTheDatabaseConflicts() {
		assertThatExceptionOfType(DbIsolationException.class)
			.isThrownBy(() -> this.factory.createContextCustomizer(Replacing.class, List.of()))
			.withMessage("Conflicting annotations on '" + Replacing.class.getName()
					+ "': @AutoConfigureTestDatabase replaces the DataSource that @DbIsolation isolates. "
					+ "Remove @AutoConfigureTestDatabase, or set it to replace = Replace.NONE.");
	}

	@Test
	void aTestSlicesOwnReplacementIsOverriddenRatherThanAConflict() {
		assertThat(this.factory.createContextCustomizer(Slice.class, List.of())).isNotNull();
	}

	@Test
	void keepingTheDatabaseDoesNotConflict() {
		assertThat(this.factory.createContextCustomizer(NotReplacing.class, List.of())).isNotNull();
	}

	static class Plain {

	}

	@DbIsolation
	static class Annotated {

		@Nested
		class Inner {

		}

	}

	@DbIsolation(mode = Mode.SCHEMA_PER_TEST)
	static class PerTest {

	}

	@Retention(RetentionPolicy.RUNTIME)
	@DbIsolation
	@interface IsolatedTest {

	}

	@IsolatedTest
	static class MetaAnnotated {

	}

	static class Inheriting extends Annotated {

	}

	@DbIsolation
	@AutoConfigureTestDatabase
	static class Replacing {

	}

	@JdbcTest
	@DbIsolation
	static class Slice {

	}

	@DbIsolation
	@AutoConfigureTestDatabase(replace = Replace.NONE)
	static class NotReplacing {

	}

}
