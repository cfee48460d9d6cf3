package dev.corsstarter.autoconfigure.reactive;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

import dev.corsstarter.core.decision.CorsDecision;
import dev.corsstarter.core.decision.CorsHeaders;
import dev.corsstarter.core.decision.HeaderWriter;

/**
 * {@link HttpHeaders} as a decision writes them. Four of its methods differ in binary
 * signature between Spring Framework 6.2 (Spring Boot 3.5), where {@code HttpHeaders} is
 * a {@code MultiValueMap}, and Spring Framework 7: each is looked up once, Framework 7's
 * first, so the same compiled filter runs on both at the cost of a direct call.
 */
record HeaderAccess(HttpHeaders headers) implements HeaderWriter {

	private static final MethodHandle GET = find(List.class, "get", "get", true);

	private static final MethodHandle REMOVE = find(List.class, "remove", "remove", true);

	private static final MethodHandle CONTAINS = find(boolean.class, "containsHeader", "containsKey", true);

	private static final MethodHandle NAMES = find(Set.class, "headerNames", "keySet", false);

	/** The values of a header, {@code null} when it is absent. */
	@SuppressWarnings("unchecked")
	static @Nullable List<String> get(HttpHeaders headers, String name) {
		try {
			return (List<String>) GET.invokeExact(headers, name);
		}
		catch (Throwable ex) {
			throw rethrow(ex);
		}
	}

	@Override
	public boolean contains(String name) {
		try {
			return (boolean) CONTAINS.invokeExact(this.headers, name);
		}
		catch (Throwable ex) {
			throw rethrow(ex);
		}
	}

	@Override
	public @Nullable List<String> values(String name) {
		return get(this.headers, name);
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
	@SuppressWarnings("unchecked")
	void restore(CorsDecision decision) {
		List<String> vary = get(this.headers, CorsHeaders.VARY);
		vary = (vary != null) ? List.copyOf(vary) : null;
		try {
			List<String> foreign = new ArrayList<>();
			for (String name : (Set<String>) NAMES.invokeExact(this.headers)) {
				if (CorsHeaders.isAccessControl(name) || CorsHeaders.VARY.equalsIgnoreCase(name)) {
					foreign.add(name);
				}
			}
			for (String name : foreign) {
				List<?> removed = (List<?>) REMOVE.invokeExact(this.headers, name);
			}
		}
		catch (Throwable ex) {
			throw rethrow(ex);
		}
		decision.writeHeaders(this, vary);
	}

	private static MethodHandle find(Class<?> returnType, String framework7Name, String framework62Name,
			boolean takesName) {
		MethodHandles.Lookup lookup = MethodHandles.publicLookup();
		MethodType exact = takesName ? MethodType.methodType(returnType, HttpHeaders.class, String.class)
				: MethodType.methodType(returnType, HttpHeaders.class);
		try {
			try {
				return lookup.findVirtual(HttpHeaders.class, framework7Name, exact.dropParameterTypes(0, 1))
					.asType(exact);
			}
			catch (NoSuchMethodException ex) {
				MethodType type = takesName ? MethodType.methodType(returnType, Object.class)
						: MethodType.methodType(returnType);
				return lookup.findVirtual(HttpHeaders.class, framework62Name, type).asType(exact);
			}
		}
		catch (NoSuchMethodException | IllegalAccessException ex) {
			throw new IllegalStateException("Unsupported Spring Framework version: HttpHeaders has neither "
					+ framework7Name + " nor " + framework62Name, ex);
		}
	}

	private static RuntimeException rethrow(Throwable ex) {
		if (ex instanceof Error error) {
			throw error;
		}
		return (ex instanceof RuntimeException runtime) ? runtime : new IllegalStateException(ex);
	}

}
