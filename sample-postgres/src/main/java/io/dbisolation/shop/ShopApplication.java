package io.dbisolation.shop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableAsync;

/**
 * A small shop on PostgreSQL: accounts with case-insensitive e-mail addresses and hashed
 * passwords, numbered orders whose status changes are audited by a trigger, orders placed
 * in the background.
 */
@SpringBootApplication
@EnableAsync
public class ShopApplication {

	public static void main(String[] args) {
		SpringApplication.run(ShopApplication.class, args);
	}

}
