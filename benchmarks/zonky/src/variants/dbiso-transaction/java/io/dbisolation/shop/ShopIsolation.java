package io.dbisolation.shop;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.dbisolation.test.DbIsolation;
import io.dbisolation.test.DbIsolation.Mode;

/**
 * DbIsolation, mode {@code TRANSACTION}: every context on the embedded server's configured
 * database; each test rolled back.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@DbIsolation(mode = Mode.TRANSACTION)
public @interface ShopIsolation {

}
