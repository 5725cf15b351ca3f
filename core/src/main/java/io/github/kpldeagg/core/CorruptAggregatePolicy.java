package io.github.kpldeagg.core;

/**
 * What a {@link Deaggregator} does with a {@linkplain CorruptAggregateException corrupt
 * aggregate}.
 *
 * @author The kpl-deagg maintainers
 */
public enum CorruptAggregatePolicy {

	/**
	 * Deliver the Kinesis record unchanged, as one non-aggregated user record: what KCL
	 * does with an MD5 mismatch or invalid protobuf, and the default.
	 */
	PASS_THROUGH,

	/** Throw the {@link CorruptAggregateException}. */
	FAIL,

	/** Deliver nothing for the record; the listener is still told. */
	SKIP

}
