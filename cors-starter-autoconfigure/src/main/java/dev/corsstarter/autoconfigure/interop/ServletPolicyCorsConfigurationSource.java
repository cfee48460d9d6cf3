package dev.corsstarter.autoconfigure.interop;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;

import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.autoconfigure.servlet.CorsPolicyFilter;
import dev.corsstarter.autoconfigure.servlet.ServletCorsRequest;
import dev.corsstarter.autoconfigure.web.CorsRouting;

/** The policies as Spring MVC's {@link CorsConfigurationSource}. */
public final class ServletPolicyCorsConfigurationSource extends PolicyCorsConfigurations
		implements CorsConfigurationSource {

	public ServletPolicyCorsConfigurationSource(CorsPolicyRegistry policies, CorsRouting routing) {
		super(policies, routing);
	}

	@Override
	public @Nullable CorsConfiguration getCorsConfiguration(HttpServletRequest request) {
		return configurationFor(request.getAttribute(CorsPolicyFilter.POLICY_DECISION_ATTRIBUTE),
				(routing) -> new ServletCorsRequest(request, routing));
	}

}
