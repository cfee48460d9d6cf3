package dev.corsstarter.autoconfigure.reactive;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.util.MultiValueMap;

import dev.corsstarter.core.decision.CorsDecision;
import dev.corsstarter.core.internal.CorsHeaderNames;
import dev.corsstarter.core.decision.CorsDecision.HeaderWriter;

/**
 * Headers as a decision reads and writes them, through their {@link MultiValueMap}:
 * {@code HttpHeaders.asMultiValueMap()} on Spring Framework 7, the headers themselves on
 * 6.2, looked up once so the same compiled filter runs on both.
 *
 * @param headers the headers, case-insensitive
 */
record HeaderAccess(MultiValueMap<String, String> headers) implements HeaderWriter {

	private static final MethodHandle AS_MAP = asMap();

	/** The headers as a case-insensitive map, without copying them. */
	@SuppressWarnings("unchecked")
	static MultiValueMap<String, String> map(HttpHeaders headers) {
		try {
			return (MultiValueMap<String, String>) AS_MAP.invokeExact(headers);
		}
		catch (Throwable ex) {
			throw (ex instanceof RuntimeException runtime) ? runtime : new IllegalStateException(ex);
		}
	}

	@Override
	public boolean contains(String name) {
		return this.headers.containsKey(name);
	}

	@Override
	public @Nullable List<String> values(String name) {
		return this.headers.get(name);
	}

	@Override
	public void set(String name, String value) {
		this.headers.set(name, value);
	}

	@Override
	public void add(String name, String value) {
		this.headers.add(name, value);
	}

	/**
	 * Drop foreign CORS headers and {@code Vary}, then write the decision's headers
	 * again, keeping the application's own {@code Vary} tokens.
	 */
	void restore(CorsDecision decision) {
		List<String> vary = this.headers.get(HttpHeaders.VARY);
		vary = (vary != null) ? List.copyOf(vary) : null;
		List<String> foreign = new ArrayList<>();
		for (String name : this.headers.keySet()) {
			if (CorsHeaderNames.isAccessControl(name) || HttpHeaders.VARY.equalsIgnoreCase(name)) {
				foreign.add(name);
			}
		}
		foreign.forEach(this.headers::remove);
		decision.writeHeaders(this, vary);
	}

	private static MethodHandle asMap() {
		MethodType type = MethodType.methodType(MultiValueMap.class, HttpHeaders.class);
		try {
			return MethodHandles.publicLookup()
				.findVirtual(HttpHeaders.class, "asMultiValueMap", type.dropParameterTypes(0, 1));
		}
		catch (NoSuchMethodException ex) {
			return MethodHandles.identity(HttpHeaders.class).asType(type);
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
