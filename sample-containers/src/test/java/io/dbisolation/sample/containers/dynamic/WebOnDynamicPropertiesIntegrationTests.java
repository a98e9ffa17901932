package io.dbisolation.sample.containers.dynamic;

import org.springframework.boot.test.context.SpringBootTest;

import io.dbisolation.test.DbIsolation;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DbIsolation
class WebOnDynamicPropertiesIntegrationTests extends ContainerProperties {

}
