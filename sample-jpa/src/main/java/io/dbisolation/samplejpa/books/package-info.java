/**
 * Authors and books: entities, repositories and the REST API.
 */
package io.dbisolation.samplejpa.books;
