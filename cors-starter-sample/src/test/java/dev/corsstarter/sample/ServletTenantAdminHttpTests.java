package dev.corsstarter.sample;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The admin flow on Spring MVC, in a context of its own: the tenants it adds stay there.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.application.name=tenant-admin-servlet")
@DirtiesContext
class ServletTenantAdminHttpTests extends AbstractTenantAdminHttpTests {

}
