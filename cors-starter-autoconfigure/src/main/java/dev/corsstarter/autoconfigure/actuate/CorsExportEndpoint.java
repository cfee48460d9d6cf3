package dev.corsstarter.autoconfigure.actuate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.lang.Nullable;

import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.export.NginxExport;
import dev.corsstarter.core.export.NginxExportException;

/**
 * The {@code corsexport} actuator endpoint: the effective CORS policies as edge
 * configuration, generated from the very {@link CorsEngine} the filter decides with. One
 * read operation, answering {@code text/plain}:
 * <ul>
 * <li>{@code GET /actuator/corsexport/nginx/http}: the part to include in nginx's
 * {@code http {}} ({@value NginxExport#HTTP_FILE});</li>
 * <li>{@code GET /actuator/corsexport/nginx/server}: the part to include in the
 * application's {@code server {}} ({@value NginxExport#SERVER_FILE}).</li>
 * </ul>
 * The optional {@code upstream} parameter is what each location proxies to (default
 * {@value NginxExport#DEFAULT_UPSTREAM}). Both parts name the policy generation and
 * fingerprint they came from. An unknown format or part is answered with {@code 404};
 * policies nginx cannot express exactly or more strictly with {@code 409} and every
 * reason, never a partial export.
 * <p>
 * Parameters are marked optional with Spring's {@code org.springframework.lang.Nullable},
 * as on {@link CorsEndpoint} and for the same reason.
 */
@WebEndpoint(id = "corsexport")
@SuppressWarnings("deprecation") // org.springframework.lang.Nullable, see CorsEndpoint
public class CorsExportEndpoint {

	/** The one format exported so far. */
	public static final String NGINX = "nginx";

	private static final int NOT_FOUND = 404;

	private static final int CONFLICT = 409;

	private final Supplier<CorsEngine> engine;

	private final LongSupplier generation;

	private final String pathPrefix;

	private final List<String> notExportable;

	/**
	 * @param engine the engine the filter decides with, asked on every export
	 * @param generation the generation of that engine's policies, asked on every export
	 * @param pathPrefix the application's context path, {@code ""} for none
	 * @param notExportable why this application's routing cannot be exported whatever its
	 * policies (a method override the edge cannot see, say); empty when it can
	 */
	public CorsExportEndpoint(Supplier<CorsEngine> engine, LongSupplier generation, String pathPrefix,
			List<String> notExportable) {
		this.engine = engine;
		this.generation = generation;
		this.pathPrefix = pathPrefix;
		this.notExportable = List.copyOf(notExportable);
	}

	/**
	 * One part of the export: {@code GET /actuator/corsexport/{format}/{part}}.
	 * @param format {@value #NGINX}
	 * @param part {@code http} or {@code server}
	 * @param upstream what each location proxies to;
	 * {@value NginxExport#DEFAULT_UPSTREAM} when not given
	 * @return the configuration text, or why there is none
	 */
	@ReadOperation(produces = "text/plain")
	public WebEndpointResponse<String> export(@Selector String format, @Selector String part,
			@Nullable String upstream) {
		if (!NGINX.equals(format) || !(part.equals("http") || part.equals("server"))) {
			return new WebEndpointResponse<>("No such export. Exported: " + NGINX + "/http (" + NginxExport.HTTP_FILE
					+ ", for http {}) and " + NGINX + "/server (" + NginxExport.SERVER_FILE + ", for server {}).\n",
					NOT_FOUND);
		}
		try {
			NginxExport export = export((upstream != null) ? upstream : NginxExport.DEFAULT_UPSTREAM);
			return new WebEndpointResponse<>(part.equals("http") ? export.httpFragment() : export.serverFragment());
		}
		catch (NginxExportException ex) {
			return new WebEndpointResponse<>(ex.getMessage() + "\n", CONFLICT);
		}
	}

	/**
	 * Both parts of the nginx export.
	 * @throws NginxExportException listing every reason when the policies cannot be
	 * exported
	 */
	public NginxExport export(String upstream) {
		List<String> reasons = new ArrayList<>(this.notExportable);
		try {
			NginxExport export = NginxExport.of(this.engine.get(), this.generation.getAsLong(), this.pathPrefix,
					upstream);
			if (reasons.isEmpty()) {
				return export;
			}
		}
		catch (NginxExportException ex) {
			reasons.addAll(ex.getReasons());
		}
		throw new NginxExportException(reasons);
	}

}
