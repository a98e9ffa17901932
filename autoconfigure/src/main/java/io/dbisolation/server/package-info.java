/**
 * Database servers: configured ones and the embedded MariaDB.
 */
package io.dbisolation.server;
