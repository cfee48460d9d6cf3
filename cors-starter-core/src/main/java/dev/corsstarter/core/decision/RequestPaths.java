package dev.corsstarter.core.decision;

import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.springframework.http.server.PathContainer;
import org.springframework.http.server.PathContainer.Element;
import org.springframework.http.server.PathContainer.PathSegment;
import org.springframework.http.server.PathContainer.Separator;
import org.springframework.web.util.UriUtils;

/** The normalised form of a request path, as lenient routers resolve it. */
final class RequestPaths {

	private RequestPaths() {
	}

	/** The path decoded and normalised, or {@code null} (no allocation) when normal. */
	static @Nullable PathContainer normalized(PathContainer path) {
		List<Element> elements = path.elements();
		if (isNormalized(elements)) {
			return null;
		}
		Deque<String> segments = new ArrayDeque<>();
		for (Element element : elements) {
			if (element instanceof PathSegment segment) {
				// a decoded '/' (%2F) separates, to routers that decode before they split
				for (String value : segment.valueToMatch().split("/", -1)) {
					if (value.equals("..")) {
						segments.pollLast();
					}
					else if (!value.isEmpty() && !value.equals(".")) {
						segments.addLast(value);
					}
				}
			}
		}
		StringBuilder normalized = new StringBuilder(path.value().length());
		for (String segment : segments) {
			normalized.append('/').append(UriUtils.encodePathSegment(segment, StandardCharsets.UTF_8));
		}
		boolean trailingSeparator = !elements.isEmpty() && elements.get(elements.size() - 1) instanceof Separator;
		if (normalized.isEmpty() || trailingSeparator) {
			normalized.append('/');
		}
		return PathContainer.parsePath(normalized.toString());
	}

	private static boolean isNormalized(List<Element> elements) {
		boolean afterSeparator = false;
		for (Element element : elements) {
			if (element instanceof PathSegment segment) {
				String value = segment.valueToMatch();
				if (value.isEmpty() || value.equals(".") || value.equals("..") || value.indexOf('/') >= 0) {
					return false;
				}
			}
			else if (afterSeparator) {
				return false;
			}
			afterSeparator = !(element instanceof PathSegment);
		}
		return true;
	}

}
