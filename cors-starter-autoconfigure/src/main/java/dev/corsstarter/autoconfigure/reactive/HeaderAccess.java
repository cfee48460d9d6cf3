package dev.corsstarter.autoconfigure.reactive;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Set;

import org.springframework.http.HttpHeaders;

/**
 * The four {@link HttpHeaders} methods the reactive filter needs whose binary signatures
 * differ between Spring Framework 6.2 (Spring Boot 3.5), where {@code HttpHeaders} is a
 * {@code MultiValueMap} ({@code get(Object)}, {@code remove(Object)},
 * {@code containsKey(Object)}, {@code keySet()}), and Spring Framework 7 (Spring Boot 4),
 * where it is not ({@code get(String)}, {@code remove(String)},
 * {@code containsHeader(String)}, {@code headerNames()}). Each is looked up once,
 * Framework 7's first, so the same compiled filter runs on both; calls through the
 * constant handles cost what a direct call does once compiled.
 */
final class HeaderAccess {

	private static final MethodHandle GET = find(List.class, "get", "get", true);

	private static final MethodHandle REMOVE = find(List.class, "remove", "remove", true);

	private static final MethodHandle CONTAINS = find(boolean.class, "containsHeader", "containsKey", true);

	private static final MethodHandle NAMES = find(Set.class, "headerNames", "keySet", false);

	private HeaderAccess() {
	}

	/** The values of a header, {@code null} when it is absent. */
	@SuppressWarnings("unchecked")
	static List<String> get(HttpHeaders headers, String name) {
		try {
			return (List<String>) GET.invokeExact(headers, name);
		}
		catch (Throwable ex) {
			throw rethrow(ex);
		}
	}

	/** Remove a header, whatever the case of its name. */
	static void remove(HttpHeaders headers, String name) {
		try {
			List<?> removed = (List<?>) REMOVE.invokeExact(headers, name);
		}
		catch (Throwable ex) {
			throw rethrow(ex);
		}
	}

	/** Whether the header is present. */
	static boolean contains(HttpHeaders headers, String name) {
		try {
			return (boolean) CONTAINS.invokeExact(headers, name);
		}
		catch (Throwable ex) {
			throw rethrow(ex);
		}
	}

	/** The names of the headers present. */
	@SuppressWarnings("unchecked")
	static Set<String> names(HttpHeaders headers) {
		try {
			return (Set<String>) NAMES.invokeExact(headers);
		}
		catch (Throwable ex) {
			throw rethrow(ex);
		}
	}

	private static MethodHandle find(Class<?> returnType, String framework7Name, String framework62Name,
			boolean takesName) {
		MethodHandles.Lookup lookup = MethodHandles.publicLookup();
		MethodType exact = takesName ? MethodType.methodType(returnType, HttpHeaders.class, String.class)
				: MethodType.methodType(returnType, HttpHeaders.class);
		try {
			try {
				MethodType type = takesName ? MethodType.methodType(returnType, String.class)
						: MethodType.methodType(returnType);
				return lookup.findVirtual(HttpHeaders.class, framework7Name, type).asType(exact);
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
		if (ex instanceof RuntimeException runtime) {
			throw runtime;
		}
		if (ex instanceof Error error) {
			throw error;
		}
		throw new IllegalStateException(ex);
	}

}
