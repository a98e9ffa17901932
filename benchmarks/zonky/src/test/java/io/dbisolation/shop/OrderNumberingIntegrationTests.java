package io.dbisolation.shop;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Orders are numbered by a sequence that the seed started; numbers drawn are not given
 * back, so the tests assert order, not exact numbers.
 */
@SpringBootTest
@ShopIsolation
class OrderNumberingIntegrationTests {

	@Autowired
	private Orders orders;

	@Test
	void numbersComeAfterTheSeed() {
		assertThat(this.orders.place(2, 500)).isGreaterThan(1002);
	}

	@Test
	void laterOrdersGetLaterNumbers() {
		long first = this.orders.place(2, 500);
		assertThat(this.orders.place(1, 700)).isGreaterThan(first);
	}

	@Test
	void aNewOrderIsOpen() {
		assertThat(this.orders.status(this.orders.place(1, 100))).isEqualTo("open");
	}

	@Test
	void aNewOrderIsCounted() {
		this.orders.place(1, 100);
		assertThat(this.orders.count()).isEqualTo(4);
	}

	@Test
	void aNegativeTotalIsRefused() {
		assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(() -> this.orders.place(1, -5));
	}

}
