package io.dbisolation.context;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootVersion;

import io.dbisolation.test.DbIsolationException;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BootVersionTests {

	@Test
	void springBoot4IsSupported() {
		assertThatNoException().isThrownBy(() -> BootVersion.check("4.0.1"));
		assertThatNoException().isThrownBy(() -> BootVersion.check("4.1.2"));
		assertThatNoException().isThrownBy(() -> BootVersion.check("4.2.0-M1"));
	}

	@Test
	void theRunningSpringBootIsSupported() {
		assertThatNoException().isThrownBy(() -> BootVersion.check(SpringBootVersion.getVersion()));
	}

	@Test
	void springBoot3IsRefusedWithTheSupportedVersions() {
		assertThatThrownBy(() -> BootVersion.check("3.5.7")).isInstanceOf(DbIsolationException.class)
			.hasMessage("DbIsolation does not support Spring Boot '3.5.7': it supports Spring Boot 4.0.x and 4.1.x. "
					+ "Move to Spring Boot 4.0 or 4.1, or remove the DbIsolation test dependency.");
	}

	@Test
	void aLaterMajorVersionIsRefused() {
		assertThatThrownBy(() -> BootVersion.check("5.0.0")).isInstanceOf(DbIsolationException.class)
			.hasMessageContaining("'5.0.0'");
	}

}
