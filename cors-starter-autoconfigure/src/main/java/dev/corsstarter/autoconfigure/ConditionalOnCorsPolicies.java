package dev.corsstarter.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when at least one {@code cors.policies.*} property is set. */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(ConditionalOnCorsPolicies.OnCorsPoliciesCondition.class)
public @interface ConditionalOnCorsPolicies {

	/** Looks without binding, so bad values fail later with a precise message. */
	class OnCorsPoliciesCondition extends SpringBootCondition {

		private static final ConfigurationPropertyName POLICIES = ConfigurationPropertyName.of("cors.policies");

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			for (ConfigurationPropertySource source : ConfigurationPropertySources.get(context.getEnvironment())) {
				if (source.containsDescendantOf(POLICIES) == ConfigurationPropertyState.PRESENT) {
					return ConditionOutcome.match("found cors.policies properties");
				}
			}
			return ConditionOutcome.noMatch("no cors.policies properties");
		}

	}

}
