package io.github.kpldeagg.core;

/**
 * Raised inside the reader; the {@link Deaggregator} adds the Kinesis record's identity.
 */
final class AggregateFormatException extends Exception {

	private final CorruptionReason reason;

	AggregateFormatException(CorruptionReason reason, String detail, Throwable cause) {
		super(detail, cause, false, false);
		this.reason = reason;
	}

	CorruptionReason reason() {
		return reason;
	}

}
