package io.dbisolation.sample.containers.jdbctc;

import org.springframework.boot.test.context.SpringBootTest;

import io.dbisolation.sample.containers.SnippetboxScenarios;
import io.dbisolation.test.DbIsolation;

@SpringBootTest(properties = { JdbcTcUrl.PROPERTY, "snippetbox.latest-limit=5" })
@DbIsolation
class OtherSettingsOnAJdbcTcUrlIntegrationTests extends SnippetboxScenarios {

}
