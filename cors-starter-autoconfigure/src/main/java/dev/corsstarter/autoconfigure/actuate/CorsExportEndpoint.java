package dev.corsstarter.autoconfigure.actuate;

import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.http.HttpStatus;
import org.springframework.lang.Nullable;

import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.export.EdgeExportException;
import dev.corsstarter.export.EdgePlan;
import dev.corsstarter.export.EdgeRenderer;
import dev.corsstarter.export.Refusal;

/**
 * The {@code corsexport} actuator endpoint: the effective CORS policies as edge
 * configuration, generated from the very {@link CorsEngine} the filter decides with.
 * {@code GET /actuator/corsexport/{format}/{part}} answers one part as
 * {@code text/plain}, e.g. {@code nginx/http} (for {@code http {}}) and
 * {@code nginx/server} (for the application's {@code server {}}). The optional
 * {@code upstream} parameter is what each route proxies to (default
 * {@value EdgePlan#DEFAULT_UPSTREAM}). An unknown format or part is answered with
 * {@code 404}; policies the format cannot express exactly or more strictly with
 * {@code 409} and every reason, never a partial export.
 */
@WebEndpoint(id = "corsexport")
@SuppressWarnings("deprecation") // org.springframework.lang.Nullable, see CorsEndpoint
public class CorsExportEndpoint {

	private final Supplier<CorsEngine> engine;

	private final LongSupplier generation;

	private final String pathPrefix;

	private final List<Refusal> notExportable;

	/** {@code notExportable}: why the routing cannot be exported at all. */
	public CorsExportEndpoint(Supplier<CorsEngine> engine, LongSupplier generation, String pathPrefix,
			List<Refusal> notExportable) {
		this.engine = engine;
		this.generation = generation;
		this.pathPrefix = pathPrefix;
		this.notExportable = List.copyOf(notExportable);
	}

	/** One part: {@code GET /actuator/corsexport/{format}/{part}?upstream=...}. */
	@ReadOperation(produces = "text/plain")
	public WebEndpointResponse<String> export(@Selector String format, @Selector String part,
			@Nullable String upstream) {
		Optional<EdgeRenderer> renderer = EdgeRenderer.of(format);
		if (renderer.isEmpty() || renderer.get().parts().stream().noneMatch((known) -> known.name().equals(part))) {
			List<String> parts = EdgeRenderer.all()
				.stream()
				.flatMap((each) -> each.parts()
					.stream()
					.map((known) -> each.format() + "/" + known.name() + " (" + known.fileName() + ", " + known.use()
							+ ")"))
				.toList();
			return new WebEndpointResponse<>(
					"No such export. Exported: " + String.join(", ", parts.subList(0, parts.size() - 1)) + " and "
							+ parts.get(parts.size() - 1) + ".\n",
					HttpStatus.NOT_FOUND.value());
		}
		EdgePlan plan = EdgePlan.of(this.engine.get(), this.generation.getAsLong(), this.pathPrefix,
				(upstream != null) ? upstream : EdgePlan.DEFAULT_UPSTREAM, this.notExportable);
		try {
			return new WebEndpointResponse<>(renderer.get().render(plan).get(part));
		}
		catch (EdgeExportException ex) {
			return new WebEndpointResponse<>(ex.getMessage() + "\n", HttpStatus.CONFLICT.value());
		}
	}

}
