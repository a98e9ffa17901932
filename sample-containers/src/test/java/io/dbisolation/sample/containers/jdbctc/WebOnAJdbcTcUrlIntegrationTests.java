package io.dbisolation.sample.containers.jdbctc;

import org.springframework.boot.test.context.SpringBootTest;

import io.dbisolation.sample.containers.SnippetboxScenarios;
import io.dbisolation.test.DbIsolation;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = JdbcTcUrl.PROPERTY)
@DbIsolation
class WebOnAJdbcTcUrlIntegrationTests extends SnippetboxScenarios {

}
