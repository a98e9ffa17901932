package io.dbisolation.sample.containers.postgres;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import io.dbisolation.shop.ShopApplication;
import io.dbisolation.test.DbIsolation;

/**
 * A context of its own (other settings), in the same container as the other classes'.
 */
@SpringBootTest(classes = ShopApplication.class, properties = "spring.application.name=shop-other")
@Import(PostgresContainerConfiguration.class)
@DbIsolation
class OtherSettingsOnAPostgresBeanIntegrationTests extends OnAPostgresBean {

}
