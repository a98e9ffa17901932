package io.dbisolation.sample.users;

import java.time.LocalDateTime;

/**
 * A registered user.
 *
 * @param id the id
 * @param name the display name
 * @param email the unique e-mail address
 * @param created when the user signed up
 */
public record User(long id, String name, String email, LocalDateTime created) {

}
