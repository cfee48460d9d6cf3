package dev.corsstarter.sample.tenant;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.corsstarter.autoconfigure.lifecycle.PolicyChange;
import dev.corsstarter.core.validation.Violation;
import dev.corsstarter.sample.tenant.TenantOriginStore.TenantOrigin;

/**
 * The admin flow: {@code POST /admin/tenants} with {@code {"origin":
 * "https://acme.example"}} adds a tenant origin to the
 * {@value TenantOriginsCustomizer#POLICY} policy while the application runs;
 * {@code GET /admin/tenants} lists the stored ones. Both need the login (see the security
 * configurations). JSON only: a cross-site page cannot send a JSON body without a
 * preflight, and no CORS policy covers {@code /admin/**}, so a browser never sends one.
 * <p>
 * Answers {@code 201} with the change (outcome, generation, fingerprint, the warnings of
 * the new policies) when the origin is stored and compiled in, {@code 400} with every
 * violation when the policies refuse it (nothing stored), {@code 409} when it is stored
 * already. The database calls block: on WebFlux they run on the application task
 * executor, see {@link ReactiveAdminExecution}.
 */
@RestController
@RequestMapping(path = "/admin/tenants", produces = MediaType.APPLICATION_JSON_VALUE)
@ConditionalOnBooleanProperty(name = "cors.enabled", matchIfMissing = true)
class TenantAdminController {

	/**
	 * The longest origin the table holds (and longer than any origin the CORS engine
	 * accepts).
	 */
	static final int MAX_ORIGIN_LENGTH = 300;

	private final TenantOnboarding onboarding;

	private final TenantOriginStore store;

	TenantAdminController(TenantOnboarding onboarding, TenantOriginStore store) {
		this.onboarding = onboarding;
		this.store = store;
	}

	@GetMapping
	List<TenantOrigin> list() {
		return this.store.findAll();
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> add(@RequestBody TenantRequest request) {
		String origin = request.origin();
		if (origin == null || origin.isEmpty() || origin.length() > MAX_ORIGIN_LENGTH) {
			return ResponseEntity.badRequest()
				.body(Map.of("message", "Give the tenant's origin as \"origin\", at most " + MAX_ORIGIN_LENGTH
						+ " characters, e.g. {\"origin\": \"https://acme.example\"}"));
		}
		PolicyChange change;
		try {
			change = this.onboarding.add(origin);
		}
		catch (DuplicateKeyException ex) {
			return ResponseEntity.status(HttpStatus.CONFLICT)
				.body(Map.of("message", "The tenant origin " + origin + " is stored already"));
		}
		return ResponseEntity.status(change.isRefused() ? HttpStatus.BAD_REQUEST : HttpStatus.CREATED)
			.body(TenantChange.of(origin, change));
	}

	/** The body of {@code POST /admin/tenants}. */
	record TenantRequest(String origin) {
	}

	/**
	 * What became of a tenant origin.
	 *
	 * @param origin the origin as given
	 * @param policy the policy it joins
	 * @param outcome {@code applied}, {@code refused} or {@code unchanged} (a policy
	 * allowed it already)
	 * @param generation the generation that compiled the origin in (refused: the one that
	 * keeps serving)
	 * @param fingerprint the fingerprint of that generation
	 * @param time when the change was tried
	 * @param violations for a refused change every violation, errors first; for an
	 * applied one the warnings of the new policies
	 */
	record TenantChange(String origin, String policy, String outcome, long generation, String fingerprint, String time,
			List<ViolationView> violations) {

		static TenantChange of(String origin, PolicyChange change) {
			return new TenantChange(origin, TenantOriginsCustomizer.POLICY, change.outcome().tag(), change.generation(),
					change.fingerprint(), change.time().toString(),
					change.violations().stream().map(ViolationView::of).toList());
		}

	}

	/**
	 * One violation: the {@code rule} code (e.g. {@code public-suffix-wildcard}), its
	 * {@code severity} ({@code error} refuses the change), the {@code property} and
	 * {@code value}, the {@code reason}, the {@code fix} and the {@code suggestedValue}
	 * to use instead ({@code null} when the fix is advice).
	 */
	record ViolationView(String rule, String severity, String property, String value, String reason, String fix,
			String suggestedValue) {

		static ViolationView of(Violation violation) {
			return new ViolationView(violation.rule().code(), violation.severity().name().toLowerCase(Locale.ROOT),
					violation.property(), violation.value(), violation.reason(), violation.action(),
					violation.suggestedValue());
		}

	}

}
