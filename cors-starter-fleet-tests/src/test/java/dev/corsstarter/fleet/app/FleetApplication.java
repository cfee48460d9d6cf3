package dev.corsstarter.fleet.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * One instance of the fleet: an ordinary Spring MVC application with the starter,
 * Actuator, the Spring Cloud Config client and Spring Cloud Bus on Kafka. It has no CORS
 * configuration of its own: {@code cors.policies.*} comes from the config server, and the
 * test starts it with the server's address, the broker and its bus id on the command
 * line.
 */
@SpringBootApplication
public class FleetApplication {

}
