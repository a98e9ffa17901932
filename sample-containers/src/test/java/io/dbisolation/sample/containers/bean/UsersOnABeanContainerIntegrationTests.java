package io.dbisolation.sample.containers.bean;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import io.dbisolation.sample.containers.SnippetboxScenarios;
import io.dbisolation.test.DbIsolation;

@SpringBootTest
@Import(MariaDbContainerConfiguration.class)
@DbIsolation
class UsersOnABeanContainerIntegrationTests extends SnippetboxScenarios {

}
