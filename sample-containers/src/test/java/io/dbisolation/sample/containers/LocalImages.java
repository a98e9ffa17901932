package io.dbisolation.sample.containers;

import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.ImageNameSubstitutor;

/**
 * Runs the suite's images where a {@code jdbc:tc:mariadb:…}, {@code jdbc:tc:mysql:…} or
 * {@code jdbc:tc:postgresql:…} URL asks for Docker Hub's, which this machine cannot pull.
 * Registered in {@code testcontainers.properties}.
 */
public class LocalImages extends ImageNameSubstitutor {

	@Override
	public DockerImageName apply(DockerImageName original) {
		String repository = original.getRepository();
		if ("mariadb".equals(repository) || "mysql".equals(repository)) {
			return DockerImageName.parse(Images.name()).asCompatibleSubstituteFor(repository);
		}
		if ("postgres".equals(repository)) {
			return Images.postgres();
		}
		return original;
	}

	@Override
	protected String getDescription() {
		return "the sample suite's local images for mariadb, mysql and postgres";
	}

}
