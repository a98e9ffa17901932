package io.dbisolation.sample.guides.zonky.after;

import org.junit.jupiter.api.RepeatedTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.support.TransactionTemplate;

import io.dbisolation.sample.users.UserRepository;
import io.dbisolation.test.DbIsolation;
import io.dbisolation.test.DbIsolation.Mode;

import static org.assertj.core.api.Assertions.assertThat;

// tag::after[]
@SpringBootTest
@DbIsolation(mode = Mode.SCHEMA_PER_TEST)
class UserSignupCommitIntegrationTests {

	private static final String HASH = "$2a$12$NuTjWXm3KKntReFwyBVHyuf/to.HEwTy.eS206TNfkGfr6HzGJSWG";

	@Autowired
	private UserRepository users;

	@Autowired
	private TransactionTemplate transactions;

	@RepeatedTest(2)
	void committedSignupIsGoneInTheNextTest() {
		// a real commit: each repetition still starts from the migrated data
		this.transactions.executeWithoutResult((status) -> this.users.insert("Carol", "carol@example.com", HASH));
		assertThat(this.users.count()).isEqualTo(3);
	}

}
// end::after[]
