package io.dbisolation.sampleshapes;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A plain JDBC application whose schema comes either from Liquibase or from
 * {@code spring.sql.init} scripts, chosen by configuration.
 */
@SpringBootApplication
public class ShapesApplication {

	public static void main(String[] args) {
		SpringApplication.run(ShapesApplication.class, args);
	}

}
