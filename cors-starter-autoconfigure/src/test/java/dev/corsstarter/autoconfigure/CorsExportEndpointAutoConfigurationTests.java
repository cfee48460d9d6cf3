package dev.corsstarter.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.HiddenHttpMethodFilter;

import dev.corsstarter.autoconfigure.actuate.CorsExportEndpoint;
import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.export.EdgePlan;
import dev.corsstarter.export.EdgeRenderer;

class CorsExportEndpointAutoConfigurationTests {

	private static final String[] POLICY = { "cors.policies.api.path-patterns=/api/**",
			"cors.policies.api.allowed-origins=https://app.example.com" };

	private static final String EXPOSE = "management.endpoints.web.exposure.include=corsexport";

	private final WebApplicationContextRunner servlet = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CorsAutoConfiguration.class, CorsServletAutoConfiguration.class,
				CorsExportEndpointAutoConfiguration.class));

	private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CorsAutoConfiguration.class, CorsReactiveAutoConfiguration.class,
				CorsExportEndpointAutoConfiguration.class));

	@Test
	void exportsTheRunningEngineUnderTheContextPath() {
		this.servlet.withPropertyValues(POLICY)
			.withPropertyValues(EXPOSE, "server.servlet.context-path=/shop/")
			.run(context -> {
				CorsEngine engine = context.getBean(CorsPolicyRegistry.class).current();
				WebEndpointResponse<String> server = context.getBean(CorsExportEndpoint.class)
					.export("nginx", "server", null);
				assertThat(server.getStatus()).isEqualTo(200);
				assertThat(server.getBody())
					.isEqualTo(EdgeRenderer.of("nginx")
						.orElseThrow()
						.render(EdgePlan.of(engine, 1, "/shop", EdgePlan.DEFAULT_UPSTREAM, java.util.List.of()))
						.get("server"))
					.contains("location ^~ \"/shop/api/\" {");
				WebEndpointResponse<String> http = context.getBean(CorsExportEndpoint.class)
					.export("nginx", "http", "http://10.1.2.3:8080");
				assertThat(http.getBody()).contains("# generation 1, fingerprint " + engine.fingerprint());
			});
	}

	@Test
	void reactiveBasePath() {
		this.reactive.withPropertyValues(POLICY)
			.withPropertyValues(EXPOSE, "spring.webflux.base-path=/shop")
			.run(context -> assertThat(
					context.getBean(CorsExportEndpoint.class).export("nginx", "server", null).getBody())
				.contains("location ^~ \"/shop/api/\" {"));
	}

	@Test
	void unknownFormatOrPartIsNotFound() {
		this.servlet.withPropertyValues(POLICY).withPropertyValues(EXPOSE).run(context -> {
			CorsExportEndpoint endpoint = context.getBean(CorsExportEndpoint.class);
			assertThat(endpoint.export("haproxy", "http", null).getStatus()).isEqualTo(404);
			WebEndpointResponse<String> part = endpoint.export("nginx", "location", null);
			assertThat(part.getStatus()).isEqualTo(404);
			assertThat(part.getBody()).contains("nginx/http").contains("nginx/server");
		});
	}

	@Test
	void aRefusedExportIsAConflictWithEveryReason() {
		this.servlet
			.withPropertyValues("cors.policies.api.path-patterns=/api/*/items",
					"cors.policies.api.allowed-origins=https://app.example.com", EXPOSE)
			.withUserConfiguration(HiddenMethod.class)
			.run(context -> {
				WebEndpointResponse<String> answer = context.getBean(CorsExportEndpoint.class)
					.export("nginx", "http", "http://app;x");
				assertThat(answer.getStatus()).isEqualTo(409);
				assertThat(answer.getBody()).contains("(3 reasons)")
					.contains("the application honours a method override")
					.contains("path pattern '/api/*/items' of policy 'api' has a wildcard")
					.contains("upstream 'http://app;x'");
			});
	}

	@Test
	void noEndpointWhenNotExposedOrWithoutPolicies() {
		this.servlet.withPropertyValues(POLICY)
			.run(context -> assertThat(context).doesNotHaveBean(CorsExportEndpoint.class)
				.hasSingleBean(CorsPolicyRegistry.class));
		this.servlet.withPropertyValues(EXPOSE)
			.run(context -> assertThat(context).doesNotHaveBean(CorsExportEndpoint.class));
		this.servlet.withPropertyValues(POLICY)
			.withPropertyValues(EXPOSE, "management.endpoint.corsexport.access=NONE")
			.run(context -> assertThat(context).doesNotHaveBean(CorsExportEndpoint.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class HiddenMethod {

		@Bean
		HiddenHttpMethodFilter hiddenHttpMethodFilter() {
			return new HiddenHttpMethodFilter();
		}

	}

}
