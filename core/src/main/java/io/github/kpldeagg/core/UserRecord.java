package io.github.kpldeagg.core;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * One record as the producer wrote it: a user record of a KPL aggregate, or a plain
 * Kinesis record.
 * <p>
 * The data is a view of the Kinesis record's bytes, never a copy. Instances are immutable
 * and thread-safe.
 *
 * @author The kpl-deagg maintainers
 */
public final class UserRecord {

	private final byte[] source;

	private final int dataOffset;

	private final int dataLength;

	private final String partitionKey;

	private final @Nullable String explicitHashKey;

	private final String sequenceNumber;

	private final long subSequenceNumber;

	private final boolean aggregated;

	private final @Nullable Instant approximateArrivalTimestamp;

	/**
	 * Computed on first request; racy publication is safe because BigInteger is
	 * immutable.
	 */
	private @Nullable BigInteger effectiveHashKey;

	UserRecord(byte[] source, int dataOffset, int dataLength, String partitionKey, @Nullable String explicitHashKey,
			String sequenceNumber, long subSequenceNumber, boolean aggregated,
			@Nullable Instant approximateArrivalTimestamp) {
		this.source = source;
		this.dataOffset = dataOffset;
		this.dataLength = dataLength;
		this.partitionKey = partitionKey;
		this.explicitHashKey = explicitHashKey;
		this.sequenceNumber = sequenceNumber;
		this.subSequenceNumber = subSequenceNumber;
		this.aggregated = aggregated;
		this.approximateArrivalTimestamp = approximateArrivalTimestamp;
	}

	/**
	 * Returns a user record that another reader has already deaggregated, such as KCL's
	 * {@code KinesisClientRecord}. The data is viewed, not copied, when the buffer has an
	 * array.
	 * @param data the user record's data, from its position to its limit
	 * @param partitionKey the user record's partition key
	 * @param explicitHashKey its explicit hash key, or null
	 * @param sequenceNumber the sequence number of the Kinesis record that carried it
	 * @param subSequenceNumber its position in the aggregate, 0 for a plain record
	 * @param aggregated whether it came out of an aggregate
	 * @param approximateArrivalTimestamp when Kinesis received the carrying record, or
	 * null
	 * @return a user record that another reader has already deaggregated
	 */
	public static UserRecord of(ByteBuffer data, String partitionKey, @Nullable String explicitHashKey,
			String sequenceNumber, long subSequenceNumber, boolean aggregated,
			@Nullable Instant approximateArrivalTimestamp) {
		Deaggregator.Input input = Deaggregator.Input.of(data, partitionKey, explicitHashKey, sequenceNumber,
				approximateArrivalTimestamp);
		return new UserRecord(input.source(), input.offset(), input.length(), partitionKey, explicitHashKey,
				sequenceNumber, subSequenceNumber, aggregated, approximateArrivalTimestamp);
	}

	/**
	 * Returns the user record's partition key (for a plain record, the Kinesis record's).
	 * @return the user record's partition key (for a plain record, the Kinesis record's)
	 */
	public String partitionKey() {
		return this.partitionKey;
	}

	/**
	 * Returns the explicit hash key the producer gave this user record, if any.
	 * @return the explicit hash key the producer gave this user record, if any
	 */
	public Optional<String> explicitHashKey() {
		return Optional.ofNullable(this.explicitHashKey);
	}

	/**
	 * Returns the sequence number of the Kinesis record that carried this user record.
	 * @return the sequence number of the Kinesis record that carried this user record
	 */
	public String sequenceNumber() {
		return this.sequenceNumber;
	}

	/**
	 * Returns the position of this user record in its aggregate, 0 for a plain record.
	 * @return the position of this user record in its aggregate, 0 for a plain record
	 */
	public long subSequenceNumber() {
		return this.subSequenceNumber;
	}

	/**
	 * Returns whether this user record came out of a KPL aggregate.
	 * @return whether this user record came out of a KPL aggregate
	 */
	public boolean aggregated() {
		return this.aggregated;
	}

	/**
	 * Returns when Kinesis received the carrying record, if the input said so.
	 * @return when Kinesis received the carrying record, if the input said so
	 */
	public Optional<Instant> approximateArrivalTimestamp() {
		return Optional.ofNullable(this.approximateArrivalTimestamp);
	}

	/**
	 * Returns a read-only view of the data, positioned at 0. Each call returns a new view
	 * of the same bytes.
	 * @return a read-only view of the data, positioned at 0
	 */
	public ByteBuffer data() {
		return ByteBuffer.wrap(this.source, this.dataOffset, this.dataLength).slice().asReadOnlyBuffer();
	}

	/**
	 * Returns a copy of the data.
	 * @return a copy of the data
	 */
	public byte[] bytes() {
		return Arrays.copyOfRange(this.source, this.dataOffset, this.dataOffset + this.dataLength);
	}

	/**
	 * Returns the data length in bytes.
	 * @return the data length in bytes
	 */
	public int dataLength() {
		return this.dataLength;
	}

	/**
	 * Returns the hash key Kinesis routes this user record by: the explicit hash key,
	 * else the MD5 of the UTF-8 partition key read as an unsigned 128-bit integer
	 * ({@link HashKeys#effectiveHashKey}).
	 * @return the hash key Kinesis routes this user record by
	 * @throws IllegalArgumentException if {@link #of} was given an explicit hash key that
	 * is not a decimal in [0, 2^128)
	 */
	public BigInteger effectiveHashKey() {
		BigInteger key = this.effectiveHashKey;
		if (key == null) {
			key = HashKeys.effectiveHashKey(this.partitionKey, this.explicitHashKey);
			this.effectiveHashKey = key;
		}
		return key;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof UserRecord that)) {
			return false;
		}
		return this.subSequenceNumber == that.subSequenceNumber && this.aggregated == that.aggregated
				&& this.partitionKey.equals(that.partitionKey)
				&& Objects.equals(this.explicitHashKey, that.explicitHashKey)
				&& this.sequenceNumber.equals(that.sequenceNumber)
				&& Objects.equals(this.approximateArrivalTimestamp, that.approximateArrivalTimestamp)
				&& Arrays.equals(this.source, this.dataOffset, this.dataOffset + this.dataLength, that.source,
						that.dataOffset, that.dataOffset + that.dataLength);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.sequenceNumber, this.subSequenceNumber);
	}

	@Override
	public String toString() {
		return "UserRecord[partitionKey=" + this.partitionKey
				+ ((this.explicitHashKey != null) ? ", explicitHashKey=" + this.explicitHashKey : "")
				+ ", sequenceNumber=" + this.sequenceNumber + ", subSequenceNumber=" + this.subSequenceNumber
				+ ", aggregated=" + this.aggregated + ", dataLength=" + this.dataLength + "]";
	}

}
