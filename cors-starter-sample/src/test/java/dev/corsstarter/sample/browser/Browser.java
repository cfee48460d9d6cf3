package dev.corsstarter.sample.browser;

/**
 * One running browser, as the browser tests use it: open a page, run a script in it.
 * Every engine implements the same two operations, so every scenario runs unchanged in
 * each.
 */
interface Browser extends AutoCloseable {

	/**
	 * Navigate the browser's one tab to {@code url} and wait until the page has loaded.
	 */
	void open(String url);

	/**
	 * Run {@code body} as the body of an {@code async function} in the open page, with
	 * {@code args} as its {@code arguments}, and return what it resolves to. Arguments
	 * and result cross as JSON, so the result is a {@code Map}, {@code List},
	 * {@code String}, {@code Number}, {@code Boolean} or {@code null}, the same in every
	 * engine. A rejection, or no result within 30 seconds, is an
	 * {@link IllegalStateException}.
	 */
	Object run(String body, Object... args);

	/** The URL of the open page. */
	default String currentUrl() {
		return (String) run("return location.href;");
	}

	/** Stop the browser and whatever the test started for it; best effort. */
	@Override
	void close();

}
