package io.dbisolation.sample.containers.mysql;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.context.ImportTestcontainers;

import io.dbisolation.sample.containers.SnippetboxScenarios;
import io.dbisolation.test.DbIsolation;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ImportTestcontainers(MySqlContainers.class)
@DbIsolation
class WebOnAMySqlFieldIntegrationTests extends SnippetboxScenarios {

}
