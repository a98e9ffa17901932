package io.dbisolation.sample.containers.mysql;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.context.ImportTestcontainers;

import io.dbisolation.sample.containers.SnippetboxScenarios;
import io.dbisolation.test.DbIsolation;

@SpringBootTest
@ImportTestcontainers(MySqlContainers.class)
@DbIsolation
class SnippetsOnAMySqlFieldIntegrationTests extends SnippetboxScenarios {

}
