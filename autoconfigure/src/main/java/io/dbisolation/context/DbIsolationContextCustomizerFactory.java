package io.dbisolation.context;

import java.util.List;
import java.util.Set;

import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

import io.dbisolation.test.DbIsolation;
import io.dbisolation.test.DbIsolationException;

/**
 * Gives test classes annotated with {@link DbIsolation} (directly, as a meta-annotation,
 * inherited or on an enclosing class) a {@link DbIsolationContextCustomizer}.
 */
public final class DbIsolationContextCustomizerFactory implements ContextCustomizerFactory {

	private static final String AUTO_CONFIGURE_TEST_DATABASE = "org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase";

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		DbIsolation annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass, DbIsolation.class);
		if (annotation == null) {
			return null;
		}
		BootVersion.check();
		rejectReplacedDatabase(testClass);
		return new DbIsolationContextCustomizer(annotation.mode(), Set.of(annotation.excludeDataSources()));
	}

	private void rejectReplacedDatabase(Class<?> testClass) {
		MergedAnnotation<?> replacement = MergedAnnotations.from(testClass, SearchStrategy.TYPE_HIERARCHY)
			.get(AUTO_CONFIGURE_TEST_DATABASE);
		// a test slice's own @AutoConfigureTestDatabase (meta-present) is overridden by
		// the
		// customizer; one the user declared is a conflict to report
		if (replacement.isPresent() && replacement.isDirectlyPresent()
				&& !"NONE".equals(String.valueOf(replacement.getValue("replace").orElse("NONE")))) {
			throw new DbIsolationException(
					"Conflicting annotations on '" + testClass.getName()
							+ "': @AutoConfigureTestDatabase replaces the DataSource that @DbIsolation isolates.",
					"Remove @AutoConfigureTestDatabase, or set it to replace = Replace.NONE.", null);
		}
	}

}
