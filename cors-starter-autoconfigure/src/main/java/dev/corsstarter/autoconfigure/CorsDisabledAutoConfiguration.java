package dev.corsstarter.autoconfigure;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

import dev.corsstarter.autoconfigure.properties.CorsStartupLog;

/** Says in one INFO line that {@code cors.enabled=false} leaves the CORS filter out. */
@AutoConfiguration
@ConditionalOnWebApplication
@ConditionalOnBooleanProperty(name = "cors.enabled", havingValue = false)
public final class CorsDisabledAutoConfiguration {

	@Bean
	static SmartInitializingSingleton corsDisabledLog() {
		return CorsStartupLog::disabled;
	}

}
