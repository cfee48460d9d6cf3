package dev.corsstarter.fleet.app;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The path the fleet's {@code api} policy covers. */
@RestController
class ApiController {

	@GetMapping("/api/x")
	String x() {
		return "x";
	}

}
