package dev.corsstarter.autoconfigure.actuate;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;
import org.springframework.lang.Nullable;

/**
 * The {@link CorsEndpoint} over HTTP: answers a bad dry-run request with {@code 400} and
 * a body that says what is wrong, on both stacks and whatever the application's error
 * handling. Parameters are marked optional as on {@link CorsEndpoint}, for the same
 * reason.
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
			return new WebEndpointResponse<>(
					new BadRequestDescriptor(WebEndpointResponse.STATUS_BAD_REQUEST, "Bad Request", ex.getReason()),
					WebEndpointResponse.STATUS_BAD_REQUEST);
		}
	}

	/**
	 * The body of a {@code 400} answer.
	 *
	 * @param status always 400
	 * @param error the status phrase
	 * @param message what is wrong with the request and how to correct it
	 */
	public record BadRequestDescriptor(int status, String error, String message) implements OperationResponseBody {
	}

}
