package dev.corsstarter.core.export;

import java.util.ArrayList;
import java.util.List;

/** Every reason an export is refused, collected so all of them are reported at once. */
final class Refusals {

	private final List<String> reasons = new ArrayList<>();

	void add(String reason) {
		if (!this.reasons.contains(reason)) {
			this.reasons.add(reason);
		}
	}

	void throwIfAny() {
		if (!this.reasons.isEmpty()) {
			throw new NginxExportException(this.reasons);
		}
	}

}
