package dev.corsstarter.sample.tenant;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.web.reactive.config.BlockingExecutionConfigurer;
import org.springframework.web.reactive.config.WebFluxConfigurer;

/**
 * On WebFlux, {@link TenantAdminController}'s methods, which call the database through
 * JDBC, run on Boot's application task executor instead of a Netty event loop. The CORS
 * filter never calls the database: tenant origins are read only when the policies are
 * compiled.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = Type.REACTIVE)
class ReactiveAdminExecution implements WebFluxConfigurer {

	private final AsyncTaskExecutor executor;

	ReactiveAdminExecution(
			@Qualifier(TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME) AsyncTaskExecutor executor) {
		this.executor = executor;
	}

	@Override
	public void configureBlockingExecution(BlockingExecutionConfigurer configurer) {
		configurer.setExecutor(this.executor)
			.setControllerMethodPredicate((method) -> method.getBeanType() == TenantAdminController.class);
	}

}
