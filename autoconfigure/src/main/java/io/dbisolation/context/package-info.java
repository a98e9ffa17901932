/**
 * Spring TestContext integration: the context customizer and the test execution listener.
 */
package io.dbisolation.context;
