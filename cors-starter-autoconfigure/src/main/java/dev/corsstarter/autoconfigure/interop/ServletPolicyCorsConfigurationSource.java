package dev.corsstarter.autoconfigure.interop;

import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;

import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.autoconfigure.servlet.CorsPolicyFilter;
import dev.corsstarter.autoconfigure.servlet.ServletCorsRequest;
import dev.corsstarter.autoconfigure.servlet.ServletRouting;
import dev.corsstarter.core.decision.CorsDecision;
import dev.corsstarter.core.request.PathMatching;

/**
 * The policies as Spring MVC's {@link CorsConfigurationSource}: for each request, the
 * configuration of the policy the CORS filter decided it with (or would decide it with,
 * for a request the filter has not seen), so code that asks Spring for CORS
 * configuration, such as Spring Security's {@code cors()}, sees the same policies. It
 * never makes Spring decide again: a request the filter allowed already carries
 * {@code Access-Control-Allow-Origin}, which Spring's {@code DefaultCorsProcessor} takes
 * as handled, and one it refused never reaches the application. Report-only policies,
 * paths no policy covers and requests the filter holds to be same-origin have no
 * configuration here.
 */
public final class ServletPolicyCorsConfigurationSource implements CorsConfigurationSource {

	private final PolicyCorsConfigurations configurations;

	private final ServletRouting routing;

	private final Supplier<PathMatching> pathMatching;

	public ServletPolicyCorsConfigurationSource(CorsPolicyRegistry policies, ServletRouting routing) {
		this(policies, routing, () -> PathMatching.DEFAULT);
	}

	/**
	 * @param pathMatching how the application's handler mappings match paths, as the
	 * filter reads it, for a request the filter has not decided
	 */
	public ServletPolicyCorsConfigurationSource(CorsPolicyRegistry policies, ServletRouting routing,
			Supplier<PathMatching> pathMatching) {
		this.configurations = new PolicyCorsConfigurations(policies);
		this.routing = routing;
		this.pathMatching = pathMatching;
	}

	@Override
	public @Nullable CorsConfiguration getCorsConfiguration(HttpServletRequest request) {
		Object decided = request.getAttribute(CorsPolicyFilter.POLICY_DECISION_ATTRIBUTE);
		CorsDecision decision = (decided instanceof CorsDecision cors) ? cors : this.configurations.engine()
			.evaluate(new ServletCorsRequest(request, this.routing, this.pathMatching.get()));
		return this.configurations.configurationFor(decision);
	}

}
