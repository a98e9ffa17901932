package io.dbisolation.sample.containers.jdbctc;

import org.springframework.boot.test.context.SpringBootTest;

import io.dbisolation.sample.containers.SnippetboxScenarios;
import io.dbisolation.test.DbIsolation;

@SpringBootTest(properties = JdbcTcUrl.PROPERTY)
@DbIsolation
class UsersOnAJdbcTcUrlIntegrationTests extends SnippetboxScenarios {

}
