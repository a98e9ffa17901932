package io.dbisolation.sample.containers.postgres;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import io.dbisolation.shop.ShopApplication;
import io.dbisolation.test.DbIsolation;

@SpringBootTest(classes = ShopApplication.class)
@Import(PostgresContainerConfiguration.class)
@DbIsolation
class OrdersOnAPostgresBeanIntegrationTests extends OnAPostgresBean {

}
