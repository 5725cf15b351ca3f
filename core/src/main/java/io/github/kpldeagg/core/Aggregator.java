package io.github.kpldeagg.core;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.google.protobuf.CodedOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Packs user records into KPL aggregates in pure Java, as the KPL's native daemon does:
 * de-duplicated key tables in first-use order, outer partition key {@code "a"}, outer
 * explicit hash key the first user record's effective hash key, and a batch of one user
 * record sent plain, with its own partition key and its effective hash key as explicit
 * hash key.
 * <p>
 * Call {@link #add} for each user record and put every {@link KinesisRecord} it returns,
 * then {@link #flush} to get the last one. Records come out in the order their user
 * records went in. Not thread-safe.
 *
 * @author The kpl-deagg maintainers
 */
public final class Aggregator {

	/** The KPL's default {@code AggregationMaxSize}. */
	public static final int DEFAULT_MAX_AGGREGATE_BYTES = 51_200;

	/** Kinesis's current limit on one record's data. */
	public static final int MAX_RECORD_BYTES = 10 * 1024 * 1024;

	static final String AGGREGATE_PARTITION_KEY = "a";

	private static final int MAX_PARTITION_KEY_CODE_POINTS = 256;

	private static final int FRAMING_BYTES = AggregateReader.MAGIC.length + Md5.DIGEST_LENGTH;

	private final int maxAggregateBytes;

	private final int maxUserRecords;

	private final List<String> partitionKeys = new ArrayList<>();

	private final Map<String, Integer> partitionKeyIndexes = new HashMap<>();

	private final List<String> explicitHashKeys = new ArrayList<>();

	private final Map<String, Integer> explicitHashKeyIndexes = new HashMap<>();

	private final List<Pending> pending = new ArrayList<>();

	private int protobufBytes;

	private Aggregator(int maxAggregateBytes, int maxUserRecords) {
		this.maxAggregateBytes = maxAggregateBytes;
		this.maxUserRecords = maxUserRecords;
	}

	/**
	 * Returns an aggregator with the KPL's defaults: 51,200 bytes and no count limit.
	 * @return an aggregator with the KPL's defaults: 51,200 bytes and no count limit
	 */
	public static Aggregator create() {
		return new Aggregator(DEFAULT_MAX_AGGREGATE_BYTES, Integer.MAX_VALUE);
	}

	/**
	 * Returns an aggregator with the given limits.
	 * @param maxAggregateBytes the most bytes of data in an aggregate (magic, protobuf
	 * and MD5), up to {@link #MAX_RECORD_BYTES}
	 * @param maxUserRecords the most user records in an aggregate, at least 1
	 * @return an aggregator with the given limits
	 * @throws IllegalArgumentException if a limit is out of range
	 */
	public static Aggregator create(int maxAggregateBytes, int maxUserRecords) {
		if (maxAggregateBytes <= FRAMING_BYTES || maxAggregateBytes > MAX_RECORD_BYTES) {
			throw new IllegalArgumentException("maxAggregateBytes must be in (" + FRAMING_BYTES + ", "
					+ MAX_RECORD_BYTES + "], was " + maxAggregateBytes);
		}
		if (maxUserRecords < 1) {
			throw new IllegalArgumentException("maxUserRecords must be positive, was " + maxUserRecords);
		}
		return new Aggregator(maxAggregateBytes, maxUserRecords);
	}

	/**
	 * Adds a user record. A user record too large to share an aggregate goes out plain,
	 * after the pending aggregate.
	 * @param partitionKey 1 to 256 Unicode code points, as the Kinesis API counts a
	 * partition key's length
	 * @param explicitHashKey a decimal in [0, 2^128), or null
	 * @param data the data; kept, not copied, until the record that carries it is
	 * returned
	 * @return the Kinesis records it completed, oldest first (usually none), in an
	 * unmodifiable list
	 * @throws IllegalArgumentException if a key is invalid
	 */
	public List<KinesisRecord> add(String partitionKey, @Nullable String explicitHashKey, byte[] data) {
		Objects.requireNonNull(partitionKey, "partitionKey");
		Objects.requireNonNull(data, "data");
		if (!hasValidLength(partitionKey)) {
			throw new IllegalArgumentException("partitionKey must have 1 to " + MAX_PARTITION_KEY_CODE_POINTS
					+ " Unicode code points, had " + partitionKey.codePointCount(0, partitionKey.length()));
		}
		if (explicitHashKey != null && !HashKeys.isCanonicalExplicitHashKey(explicitHashKey)) {
			throw new IllegalArgumentException(
					"explicitHashKey must be a decimal in [0, 2^128), was " + explicitHashKey);
		}
		KinesisRecord flushed = null;
		int added = addedBytes(partitionKey, explicitHashKey, data);
		if (!this.pending.isEmpty() && (this.pending.size() == this.maxUserRecords
				|| FRAMING_BYTES + this.protobufBytes + added > this.maxAggregateBytes)) {
			flushed = flush().orElseThrow();
			// In a fresh aggregate the record's keys are new table entries.
			added = addedBytes(partitionKey, explicitHashKey, data);
		}
		if (FRAMING_BYTES + added > this.maxAggregateBytes) {
			KinesisRecord alone = plain(partitionKey, explicitHashKey, data);
			return (flushed != null) ? List.of(flushed, alone) : List.of(alone);
		}
		this.protobufBytes += added;
		int partitionKeyIndex = indexOf(partitionKey, this.partitionKeys, this.partitionKeyIndexes);
		int explicitHashKeyIndex = (explicitHashKey != null)
				? indexOf(explicitHashKey, this.explicitHashKeys, this.explicitHashKeyIndexes) : -1;
		this.pending.add(new Pending(partitionKeyIndex, explicitHashKeyIndex, data));
		return (flushed != null) ? List.of(flushed) : List.of();
	}

	/**
	 * Returns the pending user records as one Kinesis record, if there are any. The
	 * aggregator is then empty.
	 * @return the pending user records as one Kinesis record, if there are any
	 */
	public Optional<KinesisRecord> flush() {
		if (this.pending.isEmpty()) {
			return Optional.empty();
		}
		KinesisRecord record = (this.pending.size() == 1) ? plain(this.pending.get(0)) : aggregate(this.pending.get(0));
		this.partitionKeys.clear();
		this.partitionKeyIndexes.clear();
		this.explicitHashKeys.clear();
		this.explicitHashKeyIndexes.clear();
		this.pending.clear();
		this.protobufBytes = 0;
		return Optional.of(record);
	}

	/**
	 * Returns how many user records wait for the next {@link #flush}.
	 * @return how many user records wait for the next {@link #flush}
	 */
	public int pendingUserRecords() {
		return this.pending.size();
	}

	/**
	 * Code points never outnumber UTF-16 units: only a longer key needs counting.
	 * @param partitionKey the partition key
	 * @return whether the partition key has 1 to 256 code points
	 */
	private static boolean hasValidLength(String partitionKey) {
		int units = partitionKey.length();
		return units > 0 && (units <= MAX_PARTITION_KEY_CODE_POINTS
				|| partitionKey.codePointCount(0, units) <= MAX_PARTITION_KEY_CODE_POINTS);
	}

	/**
	 * The protobuf bytes a user record adds to the pending aggregate, its new key-table
	 * entries included.
	 * @param partitionKey the partition key
	 * @param explicitHashKey the explicit hash key
	 * @param data the data
	 * @return the protobuf bytes a user record adds to the pending aggregate, its new
	 * key-table entries included
	 */
	private int addedBytes(String partitionKey, @Nullable String explicitHashKey, byte[] data) {
		int size = 0;
		Integer partitionKeyIndex = this.partitionKeyIndexes.get(partitionKey);
		if (partitionKeyIndex == null) {
			partitionKeyIndex = this.partitionKeys.size();
			size += CodedOutputStream.computeStringSize(1, partitionKey);
		}
		Integer explicitHashKeyIndex = null;
		if (explicitHashKey != null) {
			explicitHashKeyIndex = this.explicitHashKeyIndexes.get(explicitHashKey);
			if (explicitHashKeyIndex == null) {
				explicitHashKeyIndex = this.explicitHashKeys.size();
				size += CodedOutputStream.computeStringSize(2, explicitHashKey);
			}
		}
		int recordBytes = recordBytes(partitionKeyIndex, (explicitHashKeyIndex != null) ? explicitHashKeyIndex : -1,
				data);
		return size + CodedOutputStream.computeTagSize(3) + CodedOutputStream.computeUInt32SizeNoTag(recordBytes)
				+ recordBytes;
	}

	private static int recordBytes(int partitionKeyIndex, int explicitHashKeyIndex, byte[] data) {
		return CodedOutputStream.computeUInt64Size(1, partitionKeyIndex)
				+ ((explicitHashKeyIndex < 0) ? 0 : CodedOutputStream.computeUInt64Size(2, explicitHashKeyIndex))
				+ CodedOutputStream.computeByteArraySize(3, data);
	}

	private KinesisRecord plain(Pending only) {
		return plain(this.partitionKeys.get(only.partitionKeyIndex), explicitHashKeyOf(only), only.data);
	}

	/**
	 * Like the KPL, a plain record is put with its effective hash key as explicit hash
	 * key.
	 * @param partitionKey the partition key
	 * @param explicitHashKey the explicit hash key
	 * @param data the data
	 * @return the Kinesis record
	 */
	private static KinesisRecord plain(String partitionKey, @Nullable String explicitHashKey, byte[] data) {
		return new KinesisRecord(partitionKey, outerHashKey(partitionKey, explicitHashKey), data, 1);
	}

	/**
	 * The effective hash key in decimal; an explicit hash key is already canonical, so it
	 * is that.
	 * @param partitionKey the partition key
	 * @param explicitHashKey the explicit hash key
	 * @return the effective hash key in decimal
	 */
	private static String outerHashKey(String partitionKey, @Nullable String explicitHashKey) {
		return (explicitHashKey != null) ? explicitHashKey : HashKeys.effectiveHashKey(partitionKey, null).toString();
	}

	private @Nullable String explicitHashKeyOf(Pending userRecord) {
		return (userRecord.explicitHashKeyIndex < 0) ? null
				: this.explicitHashKeys.get(userRecord.explicitHashKeyIndex);
	}

	private KinesisRecord aggregate(Pending first) {
		byte[] out = new byte[FRAMING_BYTES + this.protobufBytes];
		System.arraycopy(AggregateReader.MAGIC, 0, out, 0, AggregateReader.MAGIC.length);
		CodedOutputStream protobuf = CodedOutputStream.newInstance(out, AggregateReader.MAGIC.length,
				this.protobufBytes);
		try {
			for (String partitionKey : this.partitionKeys) {
				protobuf.writeString(1, partitionKey);
			}
			for (String explicitHashKey : this.explicitHashKeys) {
				protobuf.writeString(2, explicitHashKey);
			}
			for (Pending record : this.pending) {
				protobuf.writeTag(3, 2);
				protobuf
					.writeUInt32NoTag(recordBytes(record.partitionKeyIndex, record.explicitHashKeyIndex, record.data));
				protobuf.writeUInt64(1, record.partitionKeyIndex);
				if (record.explicitHashKeyIndex >= 0) {
					protobuf.writeUInt64(2, record.explicitHashKeyIndex);
				}
				protobuf.writeByteArray(3, record.data);
			}
			protobuf.checkNoSpaceLeft();
		}
		catch (IOException ex) {
			throw new IllegalStateException("The aggregate's size was miscomputed", ex);
		}
		byte[] digest = Md5.digest(out, AggregateReader.MAGIC.length, this.protobufBytes);
		System.arraycopy(digest, 0, out, AggregateReader.MAGIC.length + this.protobufBytes, Md5.DIGEST_LENGTH);
		String firstHashKey = outerHashKey(this.partitionKeys.get(first.partitionKeyIndex), explicitHashKeyOf(first));
		return new KinesisRecord(AGGREGATE_PARTITION_KEY, firstHashKey, out, this.pending.size());
	}

	private static int indexOf(String key, List<String> table, Map<String, Integer> indexes) {
		return indexes.computeIfAbsent(key, (added) -> {
			table.add(added);
			return table.size() - 1;
		});
	}

	private record Pending(int partitionKeyIndex, int explicitHashKeyIndex, byte[] data) {
	}

}
