package dev.corsstarter.autoconfigure.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.lang.Nullable;

import dev.corsstarter.autoconfigure.interop.ShadowedSpringCorsConfiguration;
import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.autoconfigure.lifecycle.PolicyChange;
import dev.corsstarter.core.decision.CorsDecision;
import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.decision.Reason;
import dev.corsstarter.core.internal.OriginHeaderChecks;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.internal.MapCorsRequest;
import dev.corsstarter.core.request.PathMatching;
import dev.corsstarter.core.validation.Violation;

/**
 * The {@code cors} actuator endpoint: the effective policies, and a dry run of one
 * request through the engine the filter uses, neither sent, logged nor counted
 * ({@link #cors}). Parameters are optional through Spring's {@code Nullable}, the one
 * marker Spring Boot 3.5 and 4 both read; JSpecify's would make Spring Boot 3.5 answer
 * {@code 400}.
 */
@Endpoint(id = "cors")
@SuppressWarnings("deprecation") // org.springframework.lang.Nullable, see above
public class CorsEndpoint {

	/** Longest {@code rejectedValue} named: the longest origin the engine accepts. */
	static final int MAX_REJECTED_VALUE_LENGTH = OriginHeaderChecks.MAX_LENGTH;

	private final CorsPolicyRegistry policies;

	private final String stack;

	private final Supplier<Integer> filterOrder;

	private final UnaryOperator<Violation> locator;

	private final Supplier<PathMatching> pathMatching;

	private volatile Supplier<List<ShadowedSpringCorsConfiguration>> shadowedSpringCors = List::of;

	/** {@code stack} is servlet or reactive; {@code filterOrder} may give null. */
	public CorsEndpoint(CorsPolicyRegistry policies, String stack, Supplier<Integer> filterOrder,
			UnaryOperator<Violation> locator, Supplier<PathMatching> pathMatching) {
		this.policies = policies;
		this.stack = stack;
		this.filterOrder = filterOrder;
		this.locator = locator;
		this.pathMatching = pathMatching;
	}

	/** The Spring CORS configuration the policies shadow, asked on each description. */
	public void setShadowedSpringCors(Supplier<List<ShadowedSpringCorsConfiguration>> shadowedSpringCors) {
		this.shadowedSpringCors = shadowedSpringCors;
	}

	/** The effective policies and how they were validated and installed. */
	@ReadOperation
	public CorsDescriptor describe() {
		CorsEngine engine = this.policies.current();
		PolicyChange lastChange = this.policies.lastChange();
		Map<String, PolicyDescriptor> policies = new LinkedHashMap<>();
		engine.policies().forEach((policy) -> policies.put(policy.name(), PolicyDescriptor.of(policy)));
		return new CorsDescriptor(policies, this.stack, this.filterOrder.get(), engine.validationContext().production(),
				warnings(engine.warnings().stream().map(this.locator).toList()), this.policies.generation(),
				engine.fingerprint(), (lastChange != null) ? ReloadDescriptor.of(lastChange) : null,
				this.shadowedSpringCors.get());
	}

	/** A dry run with the path as selector, {@code /actuator/cors/api/orders?...}. */
	@ReadOperation
	public DryRunDescriptor dryRun(@Selector(match = Selector.Match.ALL_REMAINING) String[] path,
			@Nullable String origin, @Nullable String method, @Nullable String headers, @Nullable String privateNetwork,
			@Nullable String preflight) {
		return dryRun(
				new DryRunParameters("/" + String.join("/", path), origin, method, headers, privateNetwork, preflight));
	}

	/** {@link #describe()} without parameters, else a dry run; a 400 if invalid. */
	public OperationResponseBody cors(@Nullable String path, @Nullable String origin, @Nullable String method,
			@Nullable String headers, @Nullable String privateNetwork, @Nullable String preflight) {
		DryRunParameters parameters = new DryRunParameters(path, origin, method, headers, privateNetwork, preflight);
		return parameters.isEmpty() ? describe() : dryRun(parameters);
	}

	private DryRunDescriptor dryRun(DryRunParameters parameters) {
		MapCorsRequest request = parameters.toRequest(this.pathMatching.get());
		CorsEngine engine = this.policies.current();
		CorsDecision decision = engine.evaluate(request);
		Map<String, String> headers = new LinkedHashMap<>();
		request.headers().forEach((name, values) -> headers.put(name, values.get(0)));
		ReportOnlyDescriptor answer = answer(engine, request, decision, false);
		CorsDecision observed = decision.observed();
		return new DryRunDescriptor(new RequestDescriptor(request.method(), request.rawPath(), headers),
				answer.decision(), answer.policy(), answer.reason(), answer.rejectedValue(), answer.type(),
				answer.status(), answer.responseHeaders(), decision.hasPolicy() ? decision.mode().tag() : null,
				(observed != null) ? answer(engine, request, observed, true) : null);
	}

	/** What a decision answers; {@code observed}: the report-only one beside it. */
	private static ReportOnlyDescriptor answer(CorsEngine engine, MapCorsRequest request, CorsDecision decision,
			boolean observed) {
		HttpStatus status = decision.action().status();
		return new ReportOnlyDescriptor(decision.outcome().tag(), decision.policyName(), decision.reason().tag(),
				rejectedValue(engine, request, decision, observed), decision.typeTag(),
				(status != null) ? status.value() : null, decision.responseHeaders());
	}

	/** What was refused, as given, if the engine accepted it as origin or token. */
	private static @Nullable String rejectedValue(CorsEngine engine, MapCorsRequest request, CorsDecision decision,
			boolean observed) {
		String requestedMethod = request.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
		String value = switch (decision.reason()) {
			case ORIGIN_NOT_ALLOWED -> request.header(HttpHeaders.ORIGIN);
			case METHOD_NOT_ALLOWED -> (requestedMethod != null) ? requestedMethod : request.method();
			case HEADER_NOT_ALLOWED -> firstHeaderNotAllowed(engine, request, observed);
			default -> null;
		};
		return (value != null && value.length() <= MAX_REJECTED_VALUE_LENGTH) ? value : null;
	}

	/** The first requested header refused alone, by the engine that refused them all. */
	private static @Nullable String firstHeaderNotAllowed(CorsEngine engine, MapCorsRequest request, boolean observed) {
		String requested = request.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
		for (String header : (requested != null) ? requested.split(",") : new String[0]) {
			String name = header.strip();
			if (!name.isEmpty()) {
				CorsDecision alone = engine
					.evaluate(request.toBuilder().setHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, name).build());
				alone = observed ? alone.observed() : alone;
				if (alone != null && alone.reason() == Reason.HEADER_NOT_ALLOWED) {
					return name;
				}
			}
		}
		return null;
	}

	private static List<WarningDescriptor> warnings(List<Violation> violations) {
		return violations.stream()
			.map((v) -> new WarningDescriptor(v.property(), v.value(), v.reason(), v.action(), v.origin(),
					v.rule().code(), v.suggestedValue()))
			.toList();
	}

	/** The effective configuration, policies by name in declaration order. */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record CorsDescriptor(Map<String, PolicyDescriptor> policies, String stack, @Nullable Integer filterOrder,
			boolean productionProfileActive, List<WarningDescriptor> warnings, long generation, String fingerprint,
			@Nullable ReloadDescriptor lastReload,
			List<ShadowedSpringCorsConfiguration> shadowedSpringCors) implements OperationResponseBody {
	}

	/** The last change tried while running; its changes each say whether they loosen. */
	public record ReloadDescriptor(String outcome, String time, long generation, List<WarningDescriptor> violations,
			String trigger, List<PolicyChange.Difference> changes) {

		static ReloadDescriptor of(PolicyChange change) {
			return new ReloadDescriptor(change.outcome().tag(), change.time().toString(), change.generation(),
					warnings(change.violations()), change.trigger().tag(), change.changes());
		}

	}

	/** One policy as the filter applies it; {@code maxAge} in seconds. */
	public record PolicyDescriptor(List<String> pathPatterns, List<String> allowedOrigins, List<String> allowedMethods,
			List<String> allowedHeaders, List<String> exposedHeaders, boolean allowCredentials,
			boolean allowPrivateNetwork, long maxAge, String mode) {

		static PolicyDescriptor of(CorsPolicy policy) {
			return new PolicyDescriptor(policy.pathPatterns(), policy.allowedOrigins(), policy.allowedMethods(),
					policy.allowedHeaders(), policy.exposedHeaders(), policy.allowCredentials(),
					policy.allowPrivateNetwork(), policy.maxAge().toSeconds(), policy.mode().tag());
		}

	}

	/** A validation warning; {@code suggestedValue} is {@code null} for advice. */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record WarningDescriptor(String property, String value, String reason, String fix, String origin,
			String rule, @Nullable String suggestedValue) {
	}

	/** What the filter would do with one request; {@code null} where not applicable. */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record DryRunDescriptor(RequestDescriptor request, String decision, @Nullable String policy, String reason,
			@Nullable String rejectedValue, @Nullable String type, @Nullable Integer status,
			Map<String, String> responseHeaders, @Nullable String mode,
			@Nullable ReportOnlyDescriptor reportOnly) implements OperationResponseBody {
	}

	/** What a report-only policy would have answered, fields as in a dry run. */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record ReportOnlyDescriptor(String decision, @Nullable String policy, String reason,
			@Nullable String rejectedValue, @Nullable String type, @Nullable Integer status,
			Map<String, String> responseHeaders) {
	}

	/** The request a dry run evaluated. */
	public record RequestDescriptor(String method, String path, Map<String, String> headers) {
	}

}
