package io.github.kpldeagg.core;

import org.jspecify.annotations.Nullable;

/**
 * Raised inside the reader; the {@link Deaggregator} adds the Kinesis record's identity.
 *
 * @author The kpl-deagg maintainers
 */
final class AggregateFormatException extends Exception {

	private final CorruptionReason reason;

	AggregateFormatException(CorruptionReason reason, @Nullable String detail, @Nullable Throwable cause) {
		super(detail, cause, false, false);
		this.reason = reason;
	}

	CorruptionReason reason() {
		return this.reason;
	}

}
