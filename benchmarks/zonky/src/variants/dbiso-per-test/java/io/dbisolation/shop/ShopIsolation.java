package io.dbisolation.shop;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.dbisolation.test.DbIsolation;
import io.dbisolation.test.DbIsolation.Mode;

/**
 * DbIsolation, mode {@code SCHEMA_PER_TEST}: a fresh database for each test from a warm
 * pool, where commits are real.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@DbIsolation(mode = Mode.SCHEMA_PER_TEST)
public @interface ShopIsolation {

}
