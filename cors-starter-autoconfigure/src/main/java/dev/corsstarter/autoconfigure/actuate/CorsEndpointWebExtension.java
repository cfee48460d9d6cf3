package dev.corsstarter.autoconfigure.actuate;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;
import org.springframework.lang.Nullable;

/**
 * The {@link CorsEndpoint} over HTTP: a bad dry run is a {@code 400} whose body says what
 * is wrong, on both stacks and whatever the application's error handling.
 */
@EndpointWebExtension(endpoint = CorsEndpoint.class)
@SuppressWarnings("deprecation") // org.springframework.lang.Nullable, see CorsEndpoint
public class CorsEndpointWebExtension {

	private final CorsEndpoint delegate;

	public CorsEndpointWebExtension(CorsEndpoint delegate) {
		this.delegate = delegate;
	}

	@ReadOperation
	public WebEndpointResponse<OperationResponseBody> cors(@Nullable String path, @Nullable String origin,
			@Nullable String method, @Nullable String headers, @Nullable String privateNetwork,
			@Nullable String preflight) {
		try {
			return new WebEndpointResponse<>(
					this.delegate.cors(path, origin, method, headers, privateNetwork, preflight));
		}
		catch (InvalidEndpointRequestException ex) {
			int status = WebEndpointResponse.STATUS_BAD_REQUEST;
			return new WebEndpointResponse<>(new BadRequestDescriptor(status, "Bad Request", ex.getReason()), status);
		}
	}

	/** The body of a {@code 400}: the status, its phrase and what is wrong. */
	public record BadRequestDescriptor(int status, String error, String message) implements OperationResponseBody {
	}

}
