package dev.corsstarter.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import dev.corsstarter.autoconfigure.actuate.CorsEndpoint.CorsDescriptor;
import dev.corsstarter.autoconfigure.actuate.CorsEndpoint.DryRunDescriptor;
import dev.corsstarter.autoconfigure.actuate.CorsEndpoint.PolicyDescriptor;
import dev.corsstarter.autoconfigure.actuate.CorsEndpointWebExtension.BadRequestDescriptor;
import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.request.PathMatching;
import dev.corsstarter.core.validation.ValidationContext;
import dev.corsstarter.core.validation.Violation;

class CorsEndpointTests {

	private static final String APP = "https://app.example.com";

	private final CorsEngine engine = CorsEngine.compile(List.of(
			CorsPolicy.builder("api")
				.pathPatterns("/api/**")
				.allowedOrigins(APP, "https://*.preview.example.com")
				.allowedMethods("GET", "PUT")
				.allowedHeaders("Content-Type", "X-Trace")
				.exposedHeaders("X-Request-Id")
				.allowCredentials(true)
				.maxAge(Duration.ofMinutes(10))
				.build(),
			CorsPolicy.builder("device")
				.pathPatterns("/device/**", "/printer/**")
				.allowedOrigins(APP)
				.allowPrivateNetwork(true)
				.maxAge(Duration.ofHours(3))
				.build()),
			new ValidationContext(true, List.of()));

	/**
	 * Where the properties say the value was set, as the auto-configuration locates it.
	 */
	private final UnaryOperator<Violation> locator = (violation) -> violation
		.located("class path resource [application.yml], line 9", "3h");

	private final CorsEndpoint endpoint = new CorsEndpoint(new CorsPolicyRegistry(this.engine), "reactive", () -> 42,
			this.locator, () -> PathMatching.DEFAULT);

	private CorsEndpoint endpoint(CorsEngine engine) {
		return new CorsEndpoint(new CorsPolicyRegistry(engine), "servlet", () -> 0, this.locator,
				() -> PathMatching.DEFAULT);
	}

	@Test
	void describesPoliciesInDeclarationOrderWithMaxAgeInSeconds() {
		CorsDescriptor descriptor = (CorsDescriptor) this.endpoint.cors(null, null, null, null, null, null);

		assertThat(descriptor.policies()).containsExactly(
				entry("api",
						new PolicyDescriptor(List.of("/api/**"), List.of(APP, "https://*.preview.example.com"),
								List.of("GET", "PUT"), List.of("Content-Type", "X-Trace"), List.of("X-Request-Id"),
								true, false, 600, "enforce")),
				entry("device", new PolicyDescriptor(List.of("/device/**", "/printer/**"), List.of(APP),
						List.of("GET", "HEAD", "POST"), List.of(), List.of(), false, true, 10800, "enforce")));
		assertThat(descriptor.stack()).isEqualTo("reactive");
		assertThat(descriptor.filterOrder()).isEqualTo(42);
		assertThat(descriptor.productionProfileActive()).isTrue();
		assertThat(descriptor.fingerprint()).isEqualTo(this.engine.fingerprint());
		assertThat(descriptor.warnings()).singleElement().satisfies(warning -> {
			assertThat(warning.property()).isEqualTo("cors.policies.device.max-age");
			assertThat(warning.value()).isEqualTo("3h");
			assertThat(warning.origin()).isEqualTo("class path resource [application.yml], line 9");
			assertThat(warning.rule()).isEqualTo("max-age-above-cap");
			assertThat(warning.suggestedValue()).isEqualTo("2h");
			assertThat(warning.reason()).contains("Chromium");
			assertThat(warning.fix()).isEqualTo("Use 2h or less, e.g. cors.policies.device.max-age=2h");
		});
	}

	@Test
	void dryRunOfAnAllowedPreflightWritesWhatTheDecisionWrites() {
		DryRunDescriptor result = dryRun("/api/orders", APP, "PUT", "content-type, x-trace", null, null);

		assertThat(result.request().method()).isEqualTo("OPTIONS");
		assertThat(result.request().path()).isEqualTo("/api/orders");
		assertThat(result.request().headers()).containsExactly(entry("Origin", APP),
				entry("Access-Control-Request-Method", "PUT"),
				entry("Access-Control-Request-Headers", "content-type, x-trace"));
		assertThat(result.decision()).isEqualTo("allowed");
		assertThat(result.policy()).isEqualTo("api");
		assertThat(result.reason()).isEqualTo("allowed");
		assertThat(result.type()).isEqualTo("preflight");
		assertThat(result.status()).isEqualTo(204);
		assertThat(result.responseHeaders()).containsExactly(
				entry("Vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers"),
				entry("Access-Control-Allow-Origin", APP), entry("Access-Control-Allow-Credentials", "true"),
				entry("Access-Control-Allow-Methods", "GET, PUT"),
				entry("Access-Control-Allow-Headers", "Content-Type, X-Trace"), entry("Access-Control-Max-Age", "600"));
	}

	@Test
	void dryRunIsAPreflightWhenAskedOrWhenItCarriesPreflightHeaders() {
		assertThat(dryRun("/api/x", APP, "PUT", null, null, null).type()).isEqualTo("actual");
		assertThat(dryRun("/api/x", APP, "PUT", null, null, "true").type()).isEqualTo("preflight");
		assertThat(dryRun("/api/x", APP, null, "x-trace", null, null).request().headers())
			.containsEntry("Access-Control-Request-Method", "GET");
		DryRunDescriptor privateNetwork = dryRun("/device/x", APP, null, null, "true", null);
		assertThat(privateNetwork.type()).isEqualTo("preflight");
		assertThat(privateNetwork.request().headers()).containsEntry("Access-Control-Request-Private-Network", "true");
		assertThat(privateNetwork.responseHeaders()).containsEntry("Access-Control-Allow-Private-Network", "true");
		assertThat(dryRun("/device/x", APP, null, null, "false", null).type()).isEqualTo("actual");
		// OPTIONS without Access-Control-Request-Method is an actual request, as on the
		// wire
		DryRunDescriptor options = dryRun("/api/x", APP, "OPTIONS", null, null, null);
		assertThat(options.type()).isEqualTo("actual");
		assertThat(options.reason()).isEqualTo("method-not-allowed");
	}

	@Test
	void dryRunShowsTheReportOnlyObservationBesideTheEnforcedDecision() {
		CorsEngine engine = CorsEngine.create(List.of(
				CorsPolicy.builder("api").pathPatterns("/api/**").allowedOrigins(APP).allowedHeaders("X-Trace").build(),
				CorsPolicy.builder("acct")
					.pathPatterns("/api/account/**")
					.allowedOrigins(APP)
					.allowedHeaders("Content-Type")
					.mode(dev.corsstarter.core.policy.PolicyMode.REPORT_ONLY)
					.build()));
		CorsEndpoint endpoint = endpoint(engine);

		DryRunDescriptor result = (DryRunDescriptor) endpoint.cors("/api/account/me", APP, "POST", "x-trace", null,
				null);

		assertThat(result.decision()).isEqualTo("allowed");
		assertThat(result.policy()).isEqualTo("api");
		assertThat(result.mode()).isEqualTo("enforce");
		assertThat(result.status()).isEqualTo(204);
		assertThat(result.reportOnly()).isNotNull();
		assertThat(result.reportOnly().policy()).isEqualTo("acct");
		assertThat(result.reportOnly().decision()).isEqualTo("rejected");
		assertThat(result.reportOnly().reason()).isEqualTo("header-not-allowed");
		assertThat(result.reportOnly().rejectedValue()).isEqualTo("x-trace");
		assertThat(result.reportOnly().status()).isEqualTo(403);
		assertThat(result.reportOnly().type()).isEqualTo("preflight");
		assertThat(((DryRunDescriptor) endpoint.cors("/api/items", APP, "POST", "x-trace", null, null)).reportOnly())
			.isNull();
	}

	@Test
	void dryRunNamesWhatItRefused() {
		assertThat(dryRun("/api/x", "https://evil.example.org", null, null, null, null).rejectedValue())
			.isEqualTo("https://evil.example.org");
		assertThat(dryRun("/api/x", APP, "DELETE", null, null, "true").rejectedValue()).isEqualTo("DELETE");
		assertThat(dryRun("/api/x", APP, "DELETE", null, null, null).rejectedValue()).isEqualTo("DELETE");
		assertThat(dryRun("/api/x", APP, "GET", "Content-Type, X-Evil ,x-other", null, null).rejectedValue())
			.isEqualTo("X-Evil");
		assertThat(dryRun("/api/x", APP, "GET", "content-type,x-trace,,x-evil", null, null).rejectedValue())
			.isEqualTo("x-evil");
		// nothing refused, or nothing that was validated as an origin, method or header
		// name
		assertThat(dryRun("/api/x", APP, "PUT", "content-type", null, null).rejectedValue()).isNull();
		assertThat(dryRun("/api/x", APP, "GET", "<script>", null, null).rejectedValue()).isNull();
		assertThat(dryRun("/api/x", "https://APP.example.com", null, null, null, null).rejectedValue()).isNull();
		assertThat(dryRun("/api/x", APP, null, null, "true", null).rejectedValue()).isNull();
		assertThat(dryRun("/other", "https://evil.example.org", null, null, null, null).rejectedValue()).isNull();
		String longMethod = "X".repeat(CorsEndpoint.MAX_REJECTED_VALUE_LENGTH + 1);
		assertThat(dryRun("/api/x", APP, longMethod, null, null, null).reason()).isEqualTo("method-not-allowed");
		assertThat(dryRun("/api/x", APP, longMethod, null, null, null).rejectedValue()).isNull();
	}

	@Test
	void dryRunOfRejections() {
		DryRunDescriptor origin = dryRun("/api/x", "https://evil.example.org", null, null, null, null);
		assertThat(origin.decision()).isEqualTo("rejected");
		assertThat(origin.reason()).isEqualTo("origin-not-allowed");
		assertThat(origin.status()).isEqualTo(403);
		assertThat(origin.responseHeaders()).containsExactly(entry("Vary", "Origin"));
		assertThat(dryRun("/api/x", APP, "DELETE", null, null, "true").reason()).isEqualTo("method-not-allowed");
		assertThat(dryRun("/api/x", APP, "put", null, null, "true").reason()).isEqualTo("method-not-allowed");
		assertThat(dryRun("/api/x", APP, "GET", "x-evil", null, null).reason()).isEqualTo("header-not-allowed");
		assertThat(dryRun("/api/x", APP, "GET", "<script>", null, null).reason()).isEqualTo("malformed-request");
		assertThat(dryRun("/api/x", APP, null, null, "true", null).reason()).isEqualTo("private-network-not-allowed");
		assertThat(dryRun("/api/x", "https://APP.example.com", null, null, null, null).reason())
			.isEqualTo("malformed-origin");
		assertThat(dryRun("/api/x", "", null, null, null, null).reason()).isEqualTo("malformed-origin");
	}

	@Test
	void dryRunTreatsAnyOriginAsCrossOrigin() {
		DryRunDescriptor result = dryRun("/api/x", "http://localhost:8080", null, null, null, null);

		assertThat(result.type()).isEqualTo("actual");
		assertThat(result.reason()).isEqualTo("origin-not-allowed");
	}

	@Test
	void dryRunWithoutOriginIsNotCors() {
		DryRunDescriptor result = dryRun("/api/x", null, null, null, null, null);

		assertThat(result.decision()).isEqualTo("not-cors");
		assertThat(result.policy()).isEqualTo("api");
		assertThat(result.type()).isEqualTo("no-origin");
		assertThat(result.status()).isNull();
		assertThat(result.responseHeaders()).containsExactly(entry("Vary", "Origin"));
	}

	@Test
	void dryRunOnAPathWithoutPolicy() {
		DryRunDescriptor result = dryRun("/other", APP, null, null, null, null);

		assertThat(result.decision()).isEqualTo("no-policy");
		assertThat(result.policy()).isNull();
		assertThat(result.reason()).isEqualTo("no-policy");
		assertThat(result.type()).isNull();
		assertThat(result.status()).isNull();
		assertThat(result.responseHeaders()).isEmpty();
	}

	@Test
	void dryRunMatchesPercentEncodedPathsAsTheFilterDoes() {
		assertThat(dryRun("/printer/a%20b", APP, null, null, null, null).policy()).isEqualTo("device");
		assertThat(dryRun("/api", APP, null, null, null, null).policy()).isEqualTo("api");
		assertThat(dryRun("/apix", APP, null, null, null, null).decision()).isEqualTo("no-policy");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "null", textBlock = """
			null        | https://app.example.com | null  | null    | null  | null  | 'path'
			null        | null                    | PUT   | null    | null  | null  | 'path'
			null        | null                    | null  | null    | null  | true  | 'path'
			''          | null                    | null  | null    | null  | null  | 'path'
			api/x       | null                    | null  | null    | null  | null  | 'path'
			/api/x?y=1  | null                    | null  | null    | null  | null  | 'path'
			/api/x#top  | null                    | null  | null    | null  | null  | 'path'
			/api/a b    | null                    | null  | null    | null  | null  | 'path'
			/api/%zz    | null                    | null  | null    | null  | null  | 'path'
			/api/x;y=%  | null                    | null  | null    | null  | null  | 'path'
			/api/x      | null                    | ''    | null    | null  | null  | 'method'
			/api/x      | null                    | GE(T  | null    | null  | null  | 'method'
			/api/x      | null                    | null  | null    | yes   | null  | 'privateNetwork'
			/api/x      | null                    | null  | null    | null  | 1     | 'preflight'
			/api/x      | null                    | null  | x-trace | null  | false | 'headers'
			/api/x      | null                    | null  | null    | true  | false | 'privateNetwork=true'
			""")
	void refusesParametersNoRealRequestCouldCarry(String path, String origin, String method, String headers,
			String privateNetwork, String preflight, String mentioned) {
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> this.endpoint.cors(path, origin, method, headers, privateNetwork, preflight))
			.satisfies(ex -> assertThat(ex.getReason()).contains(mentioned));
	}

	@Test
	void refusesControlCharactersAndOverLongValues() {
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> dryRun("/api/x", APP + "\r\nX-Forged: 1", null, null, null, null))
			.satisfies(ex -> assertThat(ex.getReason()).contains("'origin'")
				.contains("control character")
				.doesNotContain("Forged"));
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> dryRun("/api/x", APP, null, "x-trace\n", null, null))
			.satisfies(ex -> assertThat(ex.getReason()).contains("'headers'"));
		String tooLong = "a".repeat(DryRunParameters.MAX_PARAMETER_LENGTH + 1);
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> dryRun("/api/x", tooLong, null, null, null, null))
			.satisfies(ex -> assertThat(ex.getReason()).contains("'origin'").contains("longer than"));
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> dryRun("/" + tooLong, null, null, null, null, null))
			.satisfies(ex -> assertThat(ex.getReason()).contains("'path'"));
		// a tab is allowed in a header value; the engine decides what it means
		assertThat(dryRun("/api/x", APP, null, "x-trace,\tcontent-type", null, null).decision()).isEqualTo("allowed");
	}

	@Test
	void webExtensionAnswersBadRequestsWith400AndTheReason() {
		CorsEndpointWebExtension extension = new CorsEndpointWebExtension(this.endpoint);

		WebEndpointResponse<?> bad = extension.cors(null, APP, null, null, null, null);
		assertThat(bad.getStatus()).isEqualTo(400);
		assertThat(bad.getBody()).isInstanceOfSatisfying(BadRequestDescriptor.class, body -> {
			assertThat(body.status()).isEqualTo(400);
			assertThat(body.error()).isEqualTo("Bad Request");
			assertThat(body.message()).contains("'path'");
		});

		WebEndpointResponse<?> ok = extension.cors("/api/x", APP, null, null, null, null);
		assertThat(ok.getStatus()).isEqualTo(200);
		assertThat(ok.getBody()).isInstanceOf(DryRunDescriptor.class);
		assertThat(extension.cors(null, null, null, null, null, null).getBody()).isInstanceOf(CorsDescriptor.class);
	}

	private DryRunDescriptor dryRun(String path, String origin, String method, String headers, String privateNetwork,
			String preflight) {
		return (DryRunDescriptor) this.endpoint.cors(path, origin, method, headers, privateNetwork, preflight);
	}

}
