package dev.corsstarter.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.corsstarter.autoconfigure.interop.ReactivePolicyCorsConfigurationSource;
import dev.corsstarter.autoconfigure.interop.ServletPolicyCorsConfigurationSource;
import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.autoconfigure.web.CorsRouting;

/**
 * Registers the policies as Spring's {@code CorsConfigurationSource} for Spring
 * Security's {@code cors()}. Opt-in: Spring Security otherwise asks Spring MVC's handler
 * mappings, and on paths no policy covers this source has no configuration.
 */
@AutoConfiguration(after = { CorsServletAutoConfiguration.class, CorsReactiveAutoConfiguration.class })
@ConditionalOnBean({ CorsPolicyRegistry.class, CorsRouting.class })
@ConditionalOnBooleanProperty(name = "cors.register-configuration-source")
public final class CorsConfigurationSourceAutoConfiguration {

	/** The bean name Spring Security's {@code cors()} looks up. */
	public static final String BEAN_NAME = "corsConfigurationSource";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	static final class ServletSource {

		@Bean(BEAN_NAME)
		@ConditionalOnMissingBean(name = BEAN_NAME)
		ServletPolicyCorsConfigurationSource corsConfigurationSource(CorsPolicyRegistry policies, CorsRouting routing) {
			return new ServletPolicyCorsConfigurationSource(policies, routing);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	static final class ReactiveSource {

		@Bean(BEAN_NAME)
		@ConditionalOnMissingBean(name = BEAN_NAME)
		ReactivePolicyCorsConfigurationSource corsConfigurationSource(CorsPolicyRegistry policies,
				CorsRouting routing) {
			return new ReactivePolicyCorsConfigurationSource(policies, routing);
		}

	}

}
