package io.dbisolation.sample.containers;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.github.dockerjava.api.exception.NotFoundException;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Runs a test class only where the Docker engine has the PostgreSQL image the suite runs
 * ({@link Images#postgresName()}), which this project builds locally rather than pulls;
 * elsewhere it is reported as skipped, with the reason. Implies {@link EnabledIfDocker}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@EnabledIfDocker
@ExtendWith(EnabledIfPostgresImage.Condition.class)
public @interface EnabledIfPostgresImage {

	class Condition implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			String image = Images.postgresName();
			boolean present = context.getRoot()
				.getStore(ExtensionContext.Namespace.create(EnabledIfPostgresImage.class))
				.computeIfAbsent(image, Condition::isPresent, Boolean.class);
			return present ? ConditionEvaluationResult.enabled("the image '" + image + "' is present")
					: ConditionEvaluationResult.disabled("The Docker engine has no image '" + image
							+ "', so the PostgreSQL container tests are skipped. Build it with "
							+ "sample-containers/docker/postgres-image.sh (.ci/run does), or set "
							+ "'sample.postgres.image' to a PostgreSQL image the engine has.");
		}

		private static boolean isPresent(String image) {
			if (!DockerClientFactory.instance().isDockerAvailable()) {
				// EnabledIfDocker gives the reason
				return true;
			}
			try {
				DockerClientFactory.instance().client().inspectImageCmd(image).exec();
				return true;
			}
			catch (NotFoundException ex) {
				return false;
			}
		}

	}

}
