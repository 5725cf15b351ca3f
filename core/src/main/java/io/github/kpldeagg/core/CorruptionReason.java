package io.github.kpldeagg.core;

/** Why a record that starts with the KPL magic could not be read as an aggregate. */
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

	/** A user record points past the end of the explicit hash key table. */
	EXPLICIT_HASH_KEY_INDEX_OUT_OF_RANGE,

	/** A user record's explicit hash key is not a decimal in [0, 2^128). */
	INVALID_EXPLICIT_HASH_KEY

}
