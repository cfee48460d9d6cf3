package dev.corsstarter.autoconfigure.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.util.pattern.PathPatternParser;

import dev.corsstarter.autoconfigure.web.CorsRouting.Stack;
import dev.corsstarter.core.request.PathMatching;

/**
 * The path matching of the application's handler mappings, read from the mappings
 * themselves: everything assumed until they are read, Spring's defaults read as such, and
 * any mapping that matches more widely widens the policies.
 */
class HandlerMappingPathMatchingTests {

	private final DefaultListableBeanFactory beans = new DefaultListableBeanFactory();

	@Test
	void everyWideningIsAssumedUntilTheMappingsAreRead() {
		HandlerMappingPathMatching matching = new HandlerMappingPathMatching(this.beans, Stack.SERVLET);

		assertThat(matching.get()).isEqualTo(PathMatching.WIDEST);
	}

	@Test
	void noHandlerMappingIsSpringsDefault() {
		assertThat(resolve(false)).isEqualTo(PathMatching.DEFAULT);
		assertThat(resolve(true)).isEqualTo(PathMatching.DEFAULT);
	}

	@Test
	void aDefaultServletMappingIsSpringsDefault() {
		servletMapping("mvc", new PathPatternParser());

		assertThat(resolve(false)).isEqualTo(PathMatching.DEFAULT);
	}

	@Test
	void aCaseInsensitiveServletMappingMatchesIgnoringCase() {
		servletMapping("other", new PathPatternParser());
		servletMapping("mvc", caseInsensitive());

		assertThat(resolve(false)).isEqualTo(new PathMatching(true, false));
	}

	@Test
	void aCaseInsensitiveAntPathMatcherMatchesIgnoringCase() {
		var mapping = new org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping();
		AntPathMatcher matcher = new AntPathMatcher();
		matcher.setCaseSensitive(false);
		mapping.setPatternParser(null);
		mapping.setPathMatcher(matcher);
		this.beans.registerSingleton("mvc", mapping);

		assertThat(resolve(false)).isEqualTo(new PathMatching(true, false));
	}

	@Test
	void aCaseInsensitiveReactiveMappingMatchesIgnoringCase() {
		var mapping = new org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping();
		mapping.setUseCaseSensitiveMatch(false);
		this.beans.registerSingleton("webflux", mapping);

		assertThat(resolve(true)).isEqualTo(new PathMatching(true, false));
		assertThat(resolve(false)).as("the other stack's mappings are not read").isEqualTo(PathMatching.DEFAULT);
	}

	@Test
	void theOptionsAreReadOnceOnRefreshWhenNotBefore() {
		servletMapping("mvc", caseInsensitive());
		HandlerMappingPathMatching matching = new HandlerMappingPathMatching(this.beans, Stack.SERVLET);

		matching.onApplicationEvent(null);
		this.beans.destroySingleton("mvc");
		matching.afterSingletonsInstantiated();

		assertThat(matching.get()).isEqualTo(new PathMatching(true, false));
	}

	private PathMatching resolve(boolean reactive) {
		HandlerMappingPathMatching matching = new HandlerMappingPathMatching(this.beans,
				reactive ? Stack.REACTIVE : Stack.SERVLET);
		matching.afterSingletonsInstantiated();
		return matching.get();
	}

	private void servletMapping(String name, PathPatternParser parser) {
		var mapping = new org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping();
		mapping.setPatternParser(parser);
		this.beans.registerSingleton(name, mapping);
	}

	private static PathPatternParser caseInsensitive() {
		PathPatternParser parser = new PathPatternParser();
		parser.setCaseSensitive(false);
		return parser;
	}

}
