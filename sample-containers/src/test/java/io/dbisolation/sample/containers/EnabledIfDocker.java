package io.dbisolation.sample.containers;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Runs a test class only where Testcontainers reaches a Docker engine; elsewhere it is
 * reported as skipped, with the reason.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(EnabledIfDocker.Condition.class)
public @interface EnabledIfDocker {

	class Condition implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			boolean available = context.getRoot()
				.getStore(ExtensionContext.Namespace.create(EnabledIfDocker.class))
				.computeIfAbsent("available", (key) -> DockerClientFactory.instance().isDockerAvailable(),
						Boolean.class);
			return available ? ConditionEvaluationResult.enabled("a Docker engine is reachable")
					: ConditionEvaluationResult.disabled("No Docker engine is reachable, so the container tests are "
							+ "skipped. Start one (on this project's machines: ../shared/tools/"
							+ "docker-for-testcontainers.sh) or set DOCKER_HOST.");
		}

	}

}
