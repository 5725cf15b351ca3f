package io.github.kpldeagg.core;

/**
 * Why a record that starts with the KPL magic could not be read as an aggregate.
 *
 * @author The kpl-deagg maintainers
 */
public enum CorruptionReason {

	/**
	 * The trailing MD5 does not match the protobuf bytes (KCL passes such a record
	 * through).
	 */
	MD5_MISMATCH,

	/**
	 * The protobuf bytes are not a valid {@code AggregatedRecord}: truncated, malformed
	 * or mistyped.
	 */
	INVALID_PROTOBUF,

	/** A user record lacks its partition key index or data, or a tag lacks its key. */
	MISSING_REQUIRED_FIELD,

	/** A user record points past the end of the partition key table. */
	PARTITION_KEY_INDEX_OUT_OF_RANGE,

	/**
	 * A user record's partition key is not valid UTF-8. The KPL and the Kinesis API carry
	 * only Unicode partition keys, so no KPL wrote such an aggregate; and the key cannot
	 * be delivered as a {@code String} with the producer's hash key, which is the MD5 of
	 * its bytes. Keys no user record uses are not checked. As with every reason, the
	 * {@link CorruptAggregatePolicy} decides; by default the aggregate is delivered
	 * unchanged as one plain record. (KCL 2.5.8 decodes such a key with replacement
	 * characters and hashes those.)
	 */
	PARTITION_KEY_NOT_UTF8,

	/** A user record points past the end of the explicit hash key table. */
	EXPLICIT_HASH_KEY_INDEX_OUT_OF_RANGE,

	/** A user record's explicit hash key is not a decimal in [0, 2^128). */
	INVALID_EXPLICIT_HASH_KEY

}
