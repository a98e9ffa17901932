package io.dbisolation.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableAsync;

/**
 * Snippetbox: users share text snippets and book training hours. A small real application
 * on MySQL with Flyway, whose test suite shows DbIsolation at work.
 */
@SpringBootApplication
@EnableAsync
public class SnippetboxApplication {

	public static void main(String[] args) {
		SpringApplication.run(SnippetboxApplication.class, args);
	}

}
