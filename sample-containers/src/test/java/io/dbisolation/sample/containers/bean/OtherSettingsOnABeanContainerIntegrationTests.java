package io.dbisolation.sample.containers.bean;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import io.dbisolation.sample.containers.SnippetboxScenarios;
import io.dbisolation.test.DbIsolation;

/**
 * A context of its own (other settings), in the same container as the other classes'.
 */
@SpringBootTest(properties = "snippetbox.latest-limit=5")
@Import(MariaDbContainerConfiguration.class)
@DbIsolation
class OtherSettingsOnABeanContainerIntegrationTests extends SnippetboxScenarios {

}
