package io.dbisolation.sample.containers;

import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.ImageNameSubstitutor;

/**
 * Runs the suite's image where a {@code jdbc:tc:mariadb:…} or {@code jdbc:tc:mysql:…} URL
 * asks for Docker Hub's, which this machine cannot pull. Registered in
 * {@code testcontainers.properties}.
 */
public class LocalImages extends ImageNameSubstitutor {

	@Override
	public DockerImageName apply(DockerImageName original) {
		String repository = original.getRepository();
		if ("mariadb".equals(repository) || "mysql".equals(repository)) {
			return DockerImageName.parse(Images.name()).asCompatibleSubstituteFor(repository);
		}
		return original;
	}

	@Override
	protected String getDescription() {
		return "the sample suite's local MariaDB image for mariadb and mysql";
	}

}
