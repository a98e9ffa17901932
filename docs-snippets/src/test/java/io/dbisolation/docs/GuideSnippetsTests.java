package io.dbisolation.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.dbisolation.docs.MarkdownBlocks.Block;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migration guides show exactly the code this module compiles (and, for "after" code,
 * runs): each Java block names its source region, or says why it is not compiled.
 */
class GuideSnippetsTests {

	private static final Path GUIDES = Path.of("..", "docs", "guides");

	private static final Path SOURCES = Path.of("src", "test");

	@Test
	void everyJavaBlockOfTheGuidesIsASnippetOrSaysWhyNot() throws IOException {
		List<String> unmarked = new ArrayList<>();
		for (Block block : blocks()) {
			if ("java".equals(block.language()) && (block.marker() == null
					|| !(block.marker().startsWith("snippet:") || block.marker().startsWith("not compiled:")))) {
				unmarked.add(block.where());
			}
		}
		assertThat(unmarked).as("Java blocks with neither <!-- snippet: ... --> nor <!-- not compiled: ... -->")
			.isEmpty();
	}

	@Test
	void everySnippetBlockShowsItsSourceRegion() throws IOException {
		List<Block> snippets = blocks().stream()
			.filter((block) -> block.marker() != null && block.marker().startsWith("snippet:"))
			.toList();
		assertThat(snippets).as("snippet blocks in %s", GUIDES).hasSizeGreaterThanOrEqualTo(8);
		for (Block block : snippets) {
			String reference = block.marker().substring("snippet:".length()).trim();
			assertThat(block.text()).as("%s shows %s", block.where(), reference).isEqualTo(region(reference));
		}
	}

	@Test
	void regionOfATaggedSourceLeavesOutTheTagLinesAndIndentsWithSpaces() throws IOException {
		String region = region(
				"java/io/dbisolation/sample/guides/fromh2/after/SnippetRepositoryIntegrationTests.java#after");
		assertThat(region).startsWith("@SpringBootTest\n@DbIsolation\n")
			.contains("\n    @Autowired\n")
			.doesNotContain("tag::")
			.endsWith("}");
	}

	private static List<Block> blocks() throws IOException {
		List<Block> blocks = new ArrayList<>();
		try (Stream<Path> pages = Files.list(GUIDES)) {
			for (Path page : pages.filter((path) -> path.toString().endsWith(".md")).sorted().toList()) {
				blocks.addAll(MarkdownBlocks.of(page));
			}
		}
		return blocks;
	}

	/**
	 * The text a block must show for a reference {@code path#tag} (a tagged region) or
	 * {@code path} (the whole file) under {@code src/test}: tabs become four spaces.
	 */
	private static String region(String reference) throws IOException {
		int hash = reference.indexOf('#');
		Path file = SOURCES.resolve((hash < 0) ? reference : reference.substring(0, hash));
		List<String> lines = Files.readAllLines(file);
		if (hash >= 0) {
			String tag = reference.substring(hash + 1);
			int start = lines.indexOf("// tag::" + tag + "[]");
			int end = lines.indexOf("// end::" + tag + "[]");
			assertThat(start).as("'// tag::%s[]' in %s", tag, file).isNotNegative();
			assertThat(end).as("'// end::%s[]' in %s", tag, file).isGreaterThan(start);
			lines = lines.subList(start + 1, end);
		}
		return String.join("\n", lines.stream().map(GuideSnippetsTests::spaces).toList()).stripTrailing();
	}

	private static String spaces(String line) {
		int tabs = 0;
		while (tabs < line.length() && line.charAt(tabs) == '\t') {
			tabs++;
		}
		return "    ".repeat(tabs) + line.substring(tabs);
	}

}
