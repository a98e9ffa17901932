package io.dbisolation.sample.containers.dynamic;

import org.springframework.boot.test.context.SpringBootTest;

import io.dbisolation.test.DbIsolation;

@SpringBootTest
@DbIsolation
class UsersOnDynamicPropertiesIntegrationTests extends ContainerProperties {

}
