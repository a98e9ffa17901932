package io.dbisolation.shop;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.dbisolation.test.DbIsolation;

/**
 * DbIsolation, mode {@code SCHEMA} (the default): a private database per Spring test
 * context, cloned from the template; each test rolled back.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@DbIsolation
public @interface ShopIsolation {

}
