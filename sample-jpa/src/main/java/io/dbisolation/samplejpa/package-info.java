/**
 * Bookshelf, the JPA sample application.
 */
package io.dbisolation.samplejpa;
