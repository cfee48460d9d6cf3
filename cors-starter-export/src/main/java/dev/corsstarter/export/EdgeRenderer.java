package dev.corsstarter.export;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes an {@link EdgePlan} in one edge's configuration format. A new format is one
 * implementation, listed in {@link #all()}.
 */
public interface EdgeRenderer {

	/** The format's name, as the endpoint and the command select it: {@code nginx}. */
	String format();

	/** The parts an export consists of, in order. */
	List<Part> parts();

	/**
	 * Render every part of a plan.
	 * @param plan the plan to render
	 * @return each part's text by {@link Part#name()}
	 * @throws EdgeExportException with every refusal, the plan's and the format's own,
	 * when the policies cannot be exported exactly or more strictly
	 */
	Map<String, String> render(EdgePlan plan);

	/** Every format's renderer: a new format is added here. */
	static List<EdgeRenderer> all() {
		return List.of(new NginxRenderer());
	}

	/** The renderer of a format, if there is one. */
	static Optional<EdgeRenderer> of(String format) {
		return all().stream().filter((renderer) -> renderer.format().equals(format)).findFirst();
	}

	/**
	 * One file of an export.
	 *
	 * @param name the part's name, as the endpoint and {@code --part} select it
	 * @param fileName the file it is written to and documented under
	 * @param use where it goes, such as {@code for http {}}
	 */
	record Part(String name, String fileName, String use) {

	}

}
