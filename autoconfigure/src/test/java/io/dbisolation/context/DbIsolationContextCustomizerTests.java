package io.dbisolation.context;

import java.util.Set;

import org.junit.jupiter.api.Test;

import io.dbisolation.test.DbIsolation.Mode;

import static org.assertj.core.api.Assertions.assertThat;

class DbIsolationContextCustomizerTests {

	@Test
	void customizersOfTheSameModeAreEqualSoTheirClassesShareAContext() {
		assertThat(new DbIsolationContextCustomizer(Mode.SCHEMA))
			.isEqualTo(new DbIsolationContextCustomizer(Mode.SCHEMA))
			.hasSameHashCodeAs(new DbIsolationContextCustomizer(Mode.SCHEMA));
	}

	@Test
	void customizersOfDifferentModesDifferSoTheirClassesGetDifferentContexts() {
		assertThat(new DbIsolationContextCustomizer(Mode.SCHEMA))
			.isNotEqualTo(new DbIsolationContextCustomizer(Mode.SCHEMA_PER_TEST))
			.isNotEqualTo(new DbIsolationContextCustomizer(Mode.TRANSACTION))
			.isNotEqualTo(null);
		assertThat(new DbIsolationContextCustomizer(Mode.SCHEMA).hashCode())
			.isNotEqualTo(new DbIsolationContextCustomizer(Mode.TRANSACTION).hashCode());
	}

	@Test
	void excludedDataSourcesTakePartInTheCacheKey() {
		assertThat(new DbIsolationContextCustomizer(Mode.SCHEMA, Set.of("reports", "audit")))
			.isEqualTo(new DbIsolationContextCustomizer(Mode.SCHEMA, Set.of("audit", "reports")))
			.hasSameHashCodeAs(new DbIsolationContextCustomizer(Mode.SCHEMA, Set.of("audit", "reports")))
			.isNotEqualTo(new DbIsolationContextCustomizer(Mode.SCHEMA))
			.hasToString("DbIsolationContextCustomizer[mode=SCHEMA, excludeDataSources=[audit, reports]]");
	}

}
