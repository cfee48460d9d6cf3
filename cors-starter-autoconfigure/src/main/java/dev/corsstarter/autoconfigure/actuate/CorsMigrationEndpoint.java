package dev.corsstarter.autoconfigure.actuate;

import java.util.List;
import java.util.function.Supplier;

import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

import dev.corsstarter.autoconfigure.interop.SpringCorsConfiguration;
import dev.corsstarter.autoconfigure.interop.SpringCorsPolicies;
import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;

/**
 * The {@code corsmigration} actuator endpoint: the application's own Spring CORS
 * configuration as {@code cors.policies} YAML, validated under the running context; what
 * the rules refuse is listed as comments with the reason instead of being converted.
 */
@WebEndpoint(id = "corsmigration")
public class CorsMigrationEndpoint {

	private final CorsPolicyRegistry policies;

	private final Supplier<List<SpringCorsConfiguration>> springCors;

	public CorsMigrationEndpoint(CorsPolicyRegistry policies, Supplier<List<SpringCorsConfiguration>> springCors) {
		this.policies = policies;
		this.springCors = springCors;
	}

	/** The application's Spring CORS configuration as {@code application.yml}. */
	@ReadOperation(produces = "text/plain")
	public String springCors() {
		return SpringCorsPolicies.convert(this.springCors.get(), this.policies.current().validationContext()).yaml();
	}

}
