package io.dbisolation.fault.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Marks a test class that only a child JVM of a fault-injection test may run: run
 * anywhere else (an IDE, {@code -Dit.test=...$Case}), it is skipped instead of using
 * whatever server it finds.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@EnabledIfSystemProperty(named = Handshake.DIRECTORY_PROPERTY, matches = ".+",
		disabledReason = "run by the fault-injection tests in their child JVMs")
public @interface ChildJvmOnly {

}
