package dev.corsstarter.autoconfigure.interop;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;

import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.autoconfigure.servlet.CorsPolicyFilter;
import dev.corsstarter.autoconfigure.servlet.ServletCorsRequest;
import dev.corsstarter.autoconfigure.servlet.ServletRouting;
import dev.corsstarter.core.decision.CorsDecision;

/**
 * The policies as Spring MVC's {@link CorsConfigurationSource}: for each request, the
 * configuration of the policy the CORS filter decided it with (or would decide it with, for a
 * request the filter has not seen), so code that asks Spring for CORS configuration, such as
 * Spring Security's {@code cors()}, sees the same policies. It never makes Spring decide again:
 * a request the filter allowed already carries {@code Access-Control-Allow-Origin}, which Spring's
 * {@code DefaultCorsProcessor} takes as handled, and one it refused never reaches the
 * application. Report-only policies, paths no policy covers and requests the filter holds to be
 * same-origin have no configuration here.
 */
public final class ServletPolicyCorsConfigurationSource implements CorsConfigurationSource {

	private final PolicyCorsConfigurations configurations;

	private final ServletRouting routing;

	public ServletPolicyCorsConfigurationSource(CorsPolicyRegistry policies, ServletRouting routing) {
		this.configurations = new PolicyCorsConfigurations(policies);
		this.routing = routing;
	}

	@Override
	public @Nullable CorsConfiguration getCorsConfiguration(HttpServletRequest request) {
		Object decided = request.getAttribute(CorsPolicyFilter.POLICY_DECISION_ATTRIBUTE);
		CorsDecision decision = (decided instanceof CorsDecision cors) ? cors
				: this.configurations.engine().evaluate(new ServletCorsRequest(request, this.routing));
		return this.configurations.configurationFor(decision);
	}

}
