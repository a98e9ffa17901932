package io.dbisolation.sample.containers.dynamic;

import org.springframework.boot.test.context.SpringBootTest;

import io.dbisolation.test.DbIsolation;

@SpringBootTest(properties = "snippetbox.latest-limit=5")
@DbIsolation
class OtherSettingsOnDynamicPropertiesIntegrationTests extends ContainerProperties {

}
