package dev.corsstarter.autoconfigure;

import java.util.function.Supplier;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.corsstarter.autoconfigure.internal.HandlerMappingPathMatching;
import dev.corsstarter.autoconfigure.interop.ReactivePolicyCorsConfigurationSource;
import dev.corsstarter.autoconfigure.interop.ServletPolicyCorsConfigurationSource;
import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.core.request.PathMatching;

/**
 * With {@code cors.register-configuration-source=true}, registers the policies as
 * Spring's {@code CorsConfigurationSource}, under the name Spring Security's
 * {@code cors()} looks up ({@value #BEAN_NAME}), unless the application defines a bean of
 * that name. Opt-in: on the servlet stack Spring Security otherwise asks Spring MVC's
 * handler mappings ({@code @CrossOrigin}, {@code addCorsMappings}), and on paths no
 * policy covers this source has no configuration, so registering it by default would
 * change what the application allows there.
 */
@AutoConfiguration(after = CorsAutoConfiguration.class)
// no policies without cors.enabled: one property condition, as Spring Boot 3.5 reads it
// too
@ConditionalOnBean(CorsPolicyRegistry.class)
@ConditionalOnBooleanProperty(name = "cors.register-configuration-source")
public final class CorsConfigurationSourceAutoConfiguration {

	/** The bean name Spring Security's {@code cors()} looks up. */
	public static final String BEAN_NAME = "corsConfigurationSource";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(name = "jakarta.servlet.http.HttpServletRequest")
	static final class ServletSource {

		@Bean(BEAN_NAME)
		@ConditionalOnMissingBean(name = BEAN_NAME)
		ServletPolicyCorsConfigurationSource corsConfigurationSource(CorsPolicyRegistry policies,
				Environment environment, ListableBeanFactory beans,
				ObjectProvider<HandlerMappingPathMatching> pathMatching) {
			return new ServletPolicyCorsConfigurationSource(policies,
					CorsServletAutoConfiguration.routing(environment, beans), pathMatchingOf(pathMatching));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	static final class ReactiveSource {

		@Bean(BEAN_NAME)
		@ConditionalOnMissingBean(name = BEAN_NAME)
		ReactivePolicyCorsConfigurationSource corsConfigurationSource(CorsPolicyRegistry policies,
				ObjectProvider<HandlerMappingPathMatching> pathMatching) {
			return new ReactivePolicyCorsConfigurationSource(policies, pathMatchingOf(pathMatching));
		}

	}

	/**
	 * The path matching the filter reads, or Spring's default where the filter reads
	 * none.
	 */
	private static Supplier<PathMatching> pathMatchingOf(ObjectProvider<HandlerMappingPathMatching> provider) {
		return () -> {
			HandlerMappingPathMatching matching = provider.getIfAvailable();
			return (matching != null) ? matching.get() : PathMatching.DEFAULT;
		};
	}

}
