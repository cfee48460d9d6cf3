package dev.corsstarter.fleet.configserver;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.config.server.EnableConfigServer;

/**
 * The fleet's single source of truth: a Spring Cloud Config Server on its native (file
 * system) backend, serving {@code fleet-app.yml} from a directory the test rewrites. In
 * its own package, so the fleet application's component scan does not pick it up.
 */
@SpringBootApplication
@EnableConfigServer
public class FleetConfigServer {

}
