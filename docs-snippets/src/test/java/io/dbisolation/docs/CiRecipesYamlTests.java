package io.dbisolation.docs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import io.dbisolation.docs.MarkdownBlocks.Block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every YAML block of the CI recipes parses, and each names what its CI system needs: a
 * GitHub Actions workflow its jobs with {@code runs-on} and {@code steps}, a GitLab CI
 * file jobs with a {@code script}.
 */
class CiRecipesYamlTests {

	private static final Path RECIPES = Path.of("..", "docs", "ci-recipes.md");

	@Test
	void everyYamlBlockParsesAndIsAWorkflowOrAPipeline() throws IOException {
		List<Block> blocks = MarkdownBlocks.of(RECIPES)
			.stream()
			.filter((block) -> "yaml".equals(block.language()))
			.toList();
		assertThat(blocks).hasSizeGreaterThanOrEqualTo(4);
		for (Block block : blocks) {
			Object document = new Yaml().load(block.text());
			assertThat(document).as(block.where()).isInstanceOf(Map.class);
			Map<?, ?> root = (Map<?, ?>) document;
			if (root.containsKey("jobs")) {
				assertGitHubWorkflow(block, root);
			}
			else {
				assertGitLabPipeline(block, root);
			}
		}
	}

	private void assertGitHubWorkflow(Block block, Map<?, ?> root) {
		// SnakeYAML reads the key "on" as the boolean true (YAML 1.1)
		assertThat(root.containsKey("on") || root.containsKey(true)).as("%s has 'on'", block.where()).isTrue();
		Map<?, ?> jobs = (Map<?, ?>) root.get("jobs");
		assertThat(jobs).as("%s jobs", block.where()).isNotEmpty();
		jobs.forEach((name, job) -> {
			Map<?, ?> definition = (Map<?, ?>) job;
			assertThat(new HashSet<Object>(definition.keySet())).as("%s job '%s'", block.where(), name)
				.contains("runs-on", "steps");
			for (Object step : (List<?>) definition.get("steps")) {
				Map<?, ?> fields = (Map<?, ?>) step;
				if (!fields.containsKey("uses") && !fields.containsKey("run")) {
					fail("%s job '%s' has a step with neither 'uses' nor 'run': %s", block.where(), name, step);
				}
			}
		});
	}

	private void assertGitLabPipeline(Block block, Map<?, ?> root) {
		List<?> jobs = root.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() instanceof Map<?, ?> job && job.containsKey("script"))
			.toList();
		assertThat(jobs).as("%s: a GitHub workflow (jobs) or GitLab jobs with a script", block.where()).isNotEmpty();
	}

}
