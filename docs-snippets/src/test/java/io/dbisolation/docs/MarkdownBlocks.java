package io.dbisolation.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fenced code blocks of a Markdown page, each with the HTML comment written on the
 * line before it (if any): {@code <!-- snippet: path#tag -->} names the source the block
 * shows, {@code <!-- not compiled: why -->} says why it has none.
 */
final class MarkdownBlocks {

	private static final Pattern FENCE = Pattern.compile("^```(\\w*)\\s*$");

	private static final Pattern COMMENT = Pattern.compile("^<!--\\s*(.*?)\\s*-->\\s*$");

	private MarkdownBlocks() {
	}

	static List<Block> of(Path page) throws IOException {
		List<String> lines = Files.readAllLines(page);
		List<Block> blocks = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			Matcher fence = FENCE.matcher(lines.get(i));
			if (!fence.matches()) {
				continue;
			}
			String marker = null;
			if (i > 0) {
				Matcher comment = COMMENT.matcher(lines.get(i - 1));
				marker = comment.matches() ? comment.group(1) : null;
			}
			int start = i + 1;
			int end = start;
			while (end < lines.size() && !lines.get(end).startsWith("```")) {
				end++;
			}
			blocks.add(new Block(page, start, fence.group(1), marker, String.join("\n", lines.subList(start, end))));
			i = end;
		}
		return blocks;
	}

	/**
	 * One fenced block.
	 *
	 * @param page the page
	 * @param line the block's first line (0-based)
	 * @param language the fence's language, empty if none
	 * @param marker the comment on the line before the fence, or {@code null}
	 * @param text the block's text, without the fences
	 */
	record Block(Path page, int line, String language, String marker, String text) {

		String where() {
			return this.page.getFileName() + ":" + (this.line + 1);
		}

	}

}
