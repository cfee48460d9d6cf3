package dev.corsstarter.autoconfigure.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.lang.Nullable;

import dev.corsstarter.autoconfigure.interop.ShadowedSpringCorsConfiguration;
import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.autoconfigure.lifecycle.PolicyChange;
import dev.corsstarter.core.decision.CorsDecision;
import dev.corsstarter.core.decision.CorsEngine;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import dev.corsstarter.core.decision.Reason;
import dev.corsstarter.core.internal.OriginHeaderChecks;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.internal.MapCorsRequest;
import dev.corsstarter.core.request.PathMatching;
import dev.corsstarter.core.validation.Violation;

/**
 * The {@code cors} actuator endpoint: the effective CORS policies, and a dry run that
 * explains what the filter would do with one request.
 * <p>
 * Two read operations, as Spring Boot's {@code env} endpoint has: {@link #describe()} and
 * {@link #dryRun(String[], String, String, String, String, String) dryRun} (selector: the
 * request path). Over HTTP, {@code GET /actuator/cors} without parameters describes the
 * configuration: {@code policies} by name (each with its {@code mode}), {@code stack},
 * {@code filterOrder} (the order of the registered filter),
 * {@code productionProfileActive}, the {@code warnings} the engine was compiled with, and
 * the lifecycle: {@code generation}, {@code fingerprint} and {@code lastReload}. With a
 * {@code path} parameter (or the path as selector, {@code GET /actuator/cors/api/orders})
 * it evaluates one request through the very {@link CorsEngine} the filter uses, without
 * sending it:
 * <ul>
 * <li>{@code path} (required for a dry run): the request path within the application,
 * without the context path, as it appears in the request line;</li>
 * <li>{@code origin}: the {@code Origin} header; without it the request is not a CORS
 * request; a given origin is always treated as cross-origin;</li>
 * <li>{@code method}: the request method, {@code GET} by default; for a preflight, the
 * {@code Access-Control-Request-Method};</li>
 * <li>{@code headers}: the {@code Access-Control-Request-Headers} of a preflight, a comma
 * list;</li>
 * <li>{@code privateNetwork}: {@code true} to ask for private network access in a
 * preflight;</li>
 * <li>{@code preflight}: {@code true} to evaluate a preflight. A dry run is a preflight
 * ({@code OPTIONS} with {@code Access-Control-Request-Method: <method>}) when this is
 * {@code true} or when {@code headers} or {@code privateNetwork=true} is given; otherwise
 * it is an actual request with {@code <method>}.</li>
 * </ul>
 * The answer carries the {@code decision} ({@code allowed}, {@code rejected},
 * {@code not-cors}, {@code no-policy}), the deciding {@code policy}, the {@code reason},
 * the {@code rejectedValue} (the origin, method or first requested header the policy
 * refused), the request {@code type}, the {@code status} the filter answers itself
 * ({@code 204} or {@code 403}; {@code null} when the request continues to the
 * application) and the {@code responseHeaders} it writes, the deciding policy's
 * {@code mode} (for {@code report-only}, what enforcing would do), and
 * {@code reportOnly}: what a report-only policy more specific than the enforced one
 * deciding would have answered (it is observed, never acted on), or {@code null}. A dry
 * run neither logs nor counts a decision. Missing or impossible parameters raise an
 * {@link InvalidEndpointRequestException}.
 * <p>
 * Every parameter is optional, marked with Spring's
 * {@code org.springframework.lang.Nullable}: it is the one marker both supported Spring
 * Boot lines read as optional (Spring Boot 3.5 looks for exactly this annotation; Spring
 * Boot 4 for any annotation named {@code Nullable}, so it is deprecated there but read).
 * JSpecify's {@code @Nullable} would make Spring Boot 3.5 answer {@code 400} to any
 * request missing a parameter.
 */
@Endpoint(id = "cors")
@SuppressWarnings("deprecation") // org.springframework.lang.Nullable, see above
public class CorsEndpoint {

	/** The {@code stack} of a Spring MVC (servlet) application. */
	public static final String SERVLET = "servlet";

	/** The {@code stack} of a WebFlux (reactive) application. */
	public static final String REACTIVE = "reactive";

	/**
	 * Longest {@code rejectedValue} a dry run names: the longest origin the engine
	 * accepts.
	 */
	static final int MAX_REJECTED_VALUE_LENGTH = OriginHeaderChecks.MAX_LENGTH;

	private final CorsPolicyRegistry policies;

	private final String stack;

	private final Supplier<Integer> filterOrder;

	private final UnaryOperator<Violation> locator;

	private final Supplier<PathMatching> pathMatching;

	private volatile Supplier<List<ShadowedSpringCorsConfiguration>> shadowedSpringCors = List::of;

	/**
	 * @param engine the engine the filter decides with
	 * @param stack {@value #SERVLET} or {@value #REACTIVE}
	 * @param filterOrder the order of the CORS filter
	 */
	public CorsEndpoint(CorsEngine engine, String stack, int filterOrder) {
		this(engine, stack, filterOrder, UnaryOperator.identity());
	}

	/**
	 * @param engine the engine the filter decides with
	 * @param stack {@value #SERVLET} or {@value #REACTIVE}
	 * @param filterOrder the order of the CORS filter
	 * @param locator adds to a warning of the engine where its value was set
	 */
	public CorsEndpoint(CorsEngine engine, String stack, int filterOrder, UnaryOperator<Violation> locator) {
		this(engine, stack, () -> filterOrder, locator);
	}

	/**
	 * @param engine the engine the filter decides with
	 * @param stack {@value #SERVLET} or {@value #REACTIVE}
	 * @param filterOrder the order of the CORS filter as registered, asked each time the
	 * policies are described; {@code null} when no CORS filter is registered
	 * @param locator adds to a warning of the engine where its value was set
	 */
	public CorsEndpoint(CorsEngine engine, String stack, Supplier<Integer> filterOrder,
			UnaryOperator<Violation> locator) {
		this(new CorsPolicyRegistry(engine), stack, filterOrder, locator);
	}

	/**
	 * @param policies the policies the filter decides with, as they change
	 * @param stack {@value #SERVLET} or {@value #REACTIVE}
	 * @param filterOrder the order of the CORS filter as registered, asked each time the
	 * policies are described; {@code null} when no CORS filter is registered
	 * @param locator adds to a warning of the engine where its value was set
	 */
	public CorsEndpoint(CorsPolicyRegistry policies, String stack, Supplier<Integer> filterOrder,
			UnaryOperator<Violation> locator) {
		this(policies, stack, filterOrder, locator, () -> PathMatching.DEFAULT);
	}

	/**
	 * @param policies the policies the filter decides with, as they change
	 * @param stack {@value #SERVLET} or {@value #REACTIVE}
	 * @param filterOrder the order of the CORS filter as registered, asked each time the
	 * policies are described; {@code null} when no CORS filter is registered
	 * @param locator adds to a warning of the engine where its value was set
	 * @param pathMatching how the application's handler mappings match paths, so that a
	 * dry run matches the policies as the filter does
	 */
	public CorsEndpoint(CorsPolicyRegistry policies, String stack, Supplier<Integer> filterOrder,
			UnaryOperator<Violation> locator, Supplier<PathMatching> pathMatching) {
		this.policies = policies;
		this.stack = stack;
		this.filterOrder = filterOrder;
		this.locator = locator;
		this.pathMatching = pathMatching;
	}

	/**
	 * Where the application's own Spring CORS configuration ({@code @CrossOrigin},
	 * {@code addCorsMappings}, {@code CorsConfigurationSource} beans) is shadowed by the
	 * policies, listed as {@code shadowedSpringCors}; none unless set.
	 * @param shadowedSpringCors asked each time the policies are described
	 */
	public void setShadowedSpringCors(Supplier<List<ShadowedSpringCorsConfiguration>> shadowedSpringCors) {
		this.shadowedSpringCors = shadowedSpringCors;
	}

	/**
	 * The effective policies and how they were validated and installed:
	 * {@code GET /actuator/cors}.
	 */
	@ReadOperation
	public CorsDescriptor describe() {
		CorsEngine engine = this.policies.current();
		long generation = this.policies.generation();
		PolicyChange lastChange = this.policies.lastChange();
		Map<String, PolicyDescriptor> policies = new LinkedHashMap<>();
		for (CorsPolicy policy : engine.policies()) {
			policies.put(policy.name(), PolicyDescriptor.of(policy));
		}
		List<WarningDescriptor> warnings = engine.warnings()
			.stream()
			.map(this.locator)
			.map(WarningDescriptor::of)
			.toList();
		return new CorsDescriptor(policies, this.stack, this.filterOrder.get(), engine.validationContext().production(),
				warnings, generation, engine.fingerprint(),
				(lastChange != null) ? ReloadDescriptor.of(lastChange) : null, this.shadowedSpringCors.get());
	}

	/**
	 * A dry run for the request path given as the selector:
	 * {@code GET /actuator/cors/api/orders?origin=...&method=PUT} is
	 * {@code GET /actuator/cors?path=/api/orders&origin=...&method=PUT}. For paths that
	 * need percent-encoding, give {@code path} as a query parameter instead.
	 * @throws InvalidEndpointRequestException when a parameter is malformed
	 */
	@ReadOperation
	public DryRunDescriptor dryRun(@Selector(match = Selector.Match.ALL_REMAINING) String[] path,
			@Nullable String origin, @Nullable String method, @Nullable String headers, @Nullable String privateNetwork,
			@Nullable String preflight) {
		return dryRun("/" + String.join("/", path), origin, method, headers, privateNetwork, preflight);
	}

	/**
	 * Evaluate one request without sending it.
	 * @throws InvalidEndpointRequestException when a parameter is missing or malformed
	 */
	public DryRunDescriptor dryRun(@Nullable String path, @Nullable String origin, @Nullable String method,
			@Nullable String headers, @Nullable String privateNetwork, @Nullable String preflight) {
		return dryRun(DryRunParameters.of(path, origin, method, headers, privateNetwork, preflight));
	}

	/**
	 * What {@code GET /actuator/cors} answers over HTTP: {@link #describe()} without
	 * parameters, {@link #dryRun(String, String, String, String, String, String) a dry
	 * run} when any dry-run parameter is given.
	 * @throws InvalidEndpointRequestException when a dry-run parameter is missing or
	 * malformed
	 */
	public OperationResponseBody cors(@Nullable String path, @Nullable String origin, @Nullable String method,
			@Nullable String headers, @Nullable String privateNetwork, @Nullable String preflight) {
		if (!DryRunParameters.isRequested(path, origin, method, headers, privateNetwork, preflight)) {
			return describe();
		}
		return dryRun(path, origin, method, headers, privateNetwork, preflight);
	}

	private DryRunDescriptor dryRun(MapCorsRequest parsed) {
		MapCorsRequest request = parsed.toBuilder().pathMatching(this.pathMatching.get()).build();
		CorsEngine engine = this.policies.current();
		CorsDecision decision = engine.evaluate(request);
		HttpStatus status = decision.action().status();
		Map<String, String> headers = new LinkedHashMap<>();
		request.headers().forEach((name, values) -> headers.put(name, values.get(0)));
		CorsDecision observed = decision.observed();
		return new DryRunDescriptor(new RequestDescriptor(request.method(), request.rawPath(), headers),
				decision.outcome().tag(), decision.policyName(), decision.reason().tag(),
				rejectedValue(engine, request, decision, Function.identity()), decision.typeTag(),
				(status != null) ? status.value() : null, decision.responseHeaders(),
				decision.hasPolicy() ? decision.mode().tag() : null,
				(observed != null) ? reportOnly(engine, request, observed) : null);
	}

	private ReportOnlyDescriptor reportOnly(CorsEngine engine, MapCorsRequest request, CorsDecision observed) {
		HttpStatus status = observed.action().status();
		return new ReportOnlyDescriptor(observed.outcome().tag(), observed.policyName(), observed.reason().tag(),
				rejectedValue(engine, request, observed, CorsDecision::observed), observed.typeTag(),
				(status != null) ? status.value() : null, observed.responseHeaders());
	}

	/**
	 * What the policy refused: the origin, the method, or the first requested header it
	 * does not allow, as given. Only values the engine parsed as a well-formed origin or
	 * an HTTP token get this far, and none longer than
	 * {@link #MAX_REJECTED_VALUE_LENGTH}.
	 * @param which picks the decision in question out of the engine's answer: the
	 * decision itself, or the report-only decision it observed
	 */
	private @Nullable String rejectedValue(CorsEngine engine, MapCorsRequest request, CorsDecision decision,
			Function<CorsDecision, CorsDecision> which) {
		String value = switch (decision.reason()) {
			case ORIGIN_NOT_ALLOWED -> request.header(HttpHeaders.ORIGIN);
			case METHOD_NOT_ALLOWED -> requestedMethod(request);
			case HEADER_NOT_ALLOWED -> firstHeaderNotAllowed(engine, request, which);
			default -> null;
		};
		return (value != null && value.length() <= MAX_REJECTED_VALUE_LENGTH) ? value : null;
	}

	/**
	 * The {@code Access-Control-Request-Method} of a preflight, else the request method.
	 */
	private static String requestedMethod(MapCorsRequest request) {
		String requested = request.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
		return (requested != null) ? requested : request.method();
	}

	/**
	 * The first requested header that on its own is refused, by the very engine that
	 * refused them all.
	 */
	private static @Nullable String firstHeaderNotAllowed(CorsEngine engine, MapCorsRequest request,
			Function<CorsDecision, CorsDecision> which) {
		String requested = request.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
		if (requested == null) {
			return null;
		}
		for (String header : requested.split(",")) {
			String name = header.strip();
			if (name.isEmpty()) {
				continue;
			}
			CorsDecision alone = which.apply(engine
				.evaluate(request.toBuilder().setHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, name).build()));
			if (alone != null && alone.reason() == Reason.HEADER_NOT_ALLOWED) {
				return name;
			}
		}
		return null;
	}

	/**
	 * The effective CORS configuration.
	 *
	 * @param policies the policies by name, in declaration order
	 * @param stack {@value CorsEndpoint#SERVLET} or {@value CorsEndpoint#REACTIVE}
	 * @param filterOrder the order of the registered CORS filter, {@code null} when none
	 * is registered
	 * @param productionProfileActive whether the production validation rules applied
	 * @param warnings what validation reported without stopping the application
	 * @param generation 1 at startup, one more for every change applied since
	 * @param fingerprint hex SHA-256 of the effective policies, equal on every instance
	 * running the same policies and in every export (such as the nginx one) of them
	 * @param lastReload the last change applied or refused while running, {@code null}
	 * when none was tried
	 * @param shadowedSpringCors the application's own Spring CORS configuration on paths
	 * where a policy now decides first, and what that changed
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record CorsDescriptor(Map<String, PolicyDescriptor> policies, String stack, @Nullable Integer filterOrder,
			boolean productionProfileActive, List<WarningDescriptor> warnings, long generation, String fingerprint,
			@Nullable ReloadDescriptor lastReload,
			List<ShadowedSpringCorsConfiguration> shadowedSpringCors) implements OperationResponseBody {
	}

	/**
	 * The last change of the policies while running.
	 *
	 * @param outcome {@code applied} or {@code refused}; {@code unchanged} when, after a
	 * refused change, the configuration went back to the policies serving
	 * @param time when it was tried, ISO-8601
	 * @param generation the generation serving after it
	 * @param violations every violation of a refused change, the warnings of an applied
	 * one
	 * @param trigger {@code configuration} (a refresh, bus event or changed file) or
	 * {@code application} (code calling the registry)
	 * @param changes what the change added to and removed from the policies serving
	 * before it (for a refused one, what it would have changed), each saying whether it
	 * loosens protection
	 */
	public record ReloadDescriptor(String outcome, String time, long generation, List<WarningDescriptor> violations,
			String trigger, List<ChangeDescriptor> changes) {

		static ReloadDescriptor of(PolicyChange change) {
			return new ReloadDescriptor(change.outcome().tag(), change.time().toString(), change.generation(),
					change.violations().stream().map(WarningDescriptor::of).toList(), change.trigger().tag(),
					change.changes().stream().map(ChangeDescriptor::of).toList());
		}

	}

	/**
	 * One difference a change made to the policies.
	 *
	 * @param policy the policy's name
	 * @param property the property changed, e.g.
	 * {@code cors.policies.api.allowed-origins}, or the policy's prefix
	 * ({@code cors.policies.api}) for a policy added or removed
	 * @param added the values added (for a policy added, its path patterns; for a flag,
	 * {@code max-age} or {@code mode}, the new value)
	 * @param removed the values removed (for a policy removed, its path patterns; for a
	 * flag, {@code max-age} or {@code mode}, the old value)
	 * @param loosens whether the difference lets through what was refused before
	 */
	public record ChangeDescriptor(String policy, String property, List<String> added, List<String> removed,
			boolean loosens) {

		static ChangeDescriptor of(PolicyChange.Difference difference) {
			return new ChangeDescriptor(difference.policy(), difference.property(), difference.added(),
					difference.removed(), difference.loosens());
		}

	}

	/**
	 * One policy as the filter applies it; {@code maxAge} in seconds, {@code mode}
	 * {@code enforce} or {@code report-only}.
	 */
	public record PolicyDescriptor(List<String> pathPatterns, List<String> allowedOrigins, List<String> allowedMethods,
			List<String> allowedHeaders, List<String> exposedHeaders, boolean allowCredentials,
			boolean allowPrivateNetwork, long maxAge, String mode) {

		static PolicyDescriptor of(CorsPolicy policy) {
			return new PolicyDescriptor(policy.pathPatterns(), policy.allowedOrigins(), policy.allowedMethods(),
					policy.allowedHeaders(), policy.exposedHeaders(), policy.allowCredentials(),
					policy.allowPrivateNetwork(), policy.maxAge().toSeconds(), policy.mode().tag());
		}

	}

	/**
	 * A validation warning: the property, its value as written, why it is a problem, how
	 * to fix it, where the value was set ({@code origin}, e.g.
	 * {@code class path resource [application.yml], line 12}; empty when not known), the
	 * {@code rule} it breaks in kebab case (e.g. {@code max-age-above-cap}) and the
	 * {@code suggestedValue} to write instead ({@code null} when the fix is advice).
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record WarningDescriptor(String property, String value, String reason, String fix, String origin,
			String rule, @Nullable String suggestedValue) {

		static WarningDescriptor of(Violation violation) {
			return new WarningDescriptor(violation.property(), violation.value(), violation.reason(),
					violation.action(), violation.origin(), violation.rule().code(), violation.suggestedValue());
		}

	}

	/**
	 * What the filter would do with one request. Every field is always present,
	 * {@code null} when it does not apply, so clients see one shape.
	 *
	 * @param request the request evaluated
	 * @param decision {@code allowed}, {@code rejected}, {@code not-cors} or
	 * {@code no-policy}
	 * @param policy the deciding policy, {@code null} when no policy covers the path
	 * @param reason why, e.g. {@code origin-not-allowed}
	 * @param rejectedValue what the policy refused, as given in the request: the origin
	 * for {@code origin-not-allowed}, the method for {@code method-not-allowed}, the
	 * first requested header not allowed for {@code header-not-allowed}; {@code null}
	 * otherwise
	 * @param type {@code preflight}, {@code actual}, {@code websocket}, {@code no-origin}
	 * or {@code same-origin}; {@code null} when no policy covers the path
	 * @param status the status the filter answers with itself ({@code 204} or
	 * {@code 403}), or {@code null} when the request continues to the application
	 * @param responseHeaders the CORS headers the filter writes, {@code Vary} joined
	 * @param mode the deciding policy's mode, {@code null} when no policy covers the
	 * path; for {@code report-only}, {@code status} and {@code responseHeaders} say what
	 * enforcing the policy would do, while the filter lets the request through untouched.
	 * A report-only policy decides only where no enforced policy matches the path.
	 * @param reportOnly what a report-only policy more specific than the deciding
	 * (enforced) one would have answered: observed, logged and counted, never acted on;
	 * {@code null} when none
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record DryRunDescriptor(RequestDescriptor request, String decision, @Nullable String policy, String reason,
			@Nullable String rejectedValue, @Nullable String type, @Nullable Integer status,
			Map<String, String> responseHeaders, @Nullable String mode,
			@Nullable ReportOnlyDescriptor reportOnly) implements OperationResponseBody {
	}

	/**
	 * What a report-only policy would have answered on a path where an enforced policy
	 * decides. Fields as in {@link DryRunDescriptor}; {@code status} and
	 * {@code responseHeaders} are what enforcing the report-only policy would do.
	 *
	 * @param decision {@code allowed}, {@code rejected} or {@code not-cors}
	 * @param policy the report-only policy
	 * @param reason why
	 * @param rejectedValue what it would refuse, as given in the request, or {@code null}
	 * @param type the request type, as in {@link DryRunDescriptor}
	 * @param status {@code 204} or {@code 403} if it were enforced, {@code null} when the
	 * request would continue
	 * @param responseHeaders the CORS headers it would write
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record ReportOnlyDescriptor(String decision, String policy, String reason, @Nullable String rejectedValue,
			@Nullable String type, @Nullable Integer status, Map<String, String> responseHeaders) {
	}

	/**
	 * The request a dry run evaluated.
	 *
	 * @param method the request method ({@code OPTIONS} for a preflight)
	 * @param path the path within the application
	 * @param headers the CORS request headers sent
	 */
	public record RequestDescriptor(String method, String path, Map<String, String> headers) {
	}

}
