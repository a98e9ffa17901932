package io.dbisolation.testapp;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Writes and reads colors on server threads.
 */
@RestController
public class ColorController {

	private final ColorService colors;

	public ColorController(ColorService colors) {
		this.colors = colors;
	}

	@PostMapping("/colors/{id}/{name}")
	public void add(@PathVariable int id, @PathVariable String name) {
		this.colors.add(id, name);
	}

	@GetMapping("/colors/count")
	public long count() {
		return this.colors.count();
	}

}
