package io.dbisolation.sample.containers.bean;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

import io.dbisolation.sample.containers.SnippetboxScenarios;
import io.dbisolation.test.DbIsolation;

/**
 * A context of its own (a web server), in the same container as the other classes'.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(MariaDbContainerConfiguration.class)
@DbIsolation
class WebOnABeanContainerIntegrationTests extends SnippetboxScenarios {

}
