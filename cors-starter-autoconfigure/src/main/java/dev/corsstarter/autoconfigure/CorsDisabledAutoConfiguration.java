package dev.corsstarter.autoconfigure;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * Says, in one INFO line, that {@code cors.enabled=false} leaves the CORS filter out, so
 * switching the starter off is never silent.
 */
@AutoConfiguration
@ConditionalOnWebApplication
@ConditionalOnBooleanProperty(name = "cors.enabled", havingValue = false)
public final class CorsDisabledAutoConfiguration {

	CorsDisabledAutoConfiguration() {
	}

	@Bean
	static SmartInitializingSingleton corsDisabledLog() {
		return CorsStartupLog::disabled;
	}

}
