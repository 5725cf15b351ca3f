package io.github.kpldeagg.core;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * Turns Kinesis records into the user records the producer wrote: each KPL aggregate into
 * its user records, in order, and each other record into one user record, unchanged.
 * <p>
 * Inputs are AWS SDK v2 records, AWS Lambda {@code KinesisEvent}s or raw bytes; the SDK
 * and the Lambda events library are needed only by the methods that take their types.
 * Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * Deaggregator deaggregator = Deaggregator.create();
 * for (UserRecord userRecord : deaggregator.deaggregate(getRecordsResponse.records())) {
 *     process(userRecord.partitionKey(), userRecord.data());
 * }
 * }</pre>
 */
public final class Deaggregator {

	private final CorruptAggregatePolicy corruptAggregatePolicy;

	private final @Nullable BigInteger startingHashKey;

	private final @Nullable BigInteger endingHashKey;

	private final DeaggregationListener listener;

	private Deaggregator(Builder builder) {
		this.corruptAggregatePolicy = builder.corruptAggregatePolicy;
		this.startingHashKey = builder.startingHashKey;
		this.endingHashKey = builder.endingHashKey;
		this.listener = builder.listener;
	}

	/**
	 * {@return a deaggregator that passes corrupt aggregates through, as KCL does, and
	 * filters nothing}
	 */
	public static Deaggregator create() {
		return builder().build();
	}

	/**
	 * {@return a builder, for a corrupt-aggregate policy, a shard's hash-key range or a
	 * listener}
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * {@return all user records of the given records, in order}
	 * @param records AWS SDK v2 records, as {@code GetRecords} or
	 * {@code SubscribeToShard} return them
	 * @throws CorruptAggregateException if an aggregate is corrupt and the policy is
	 * {@link CorruptAggregatePolicy#FAIL FAIL}
	 */
	public List<UserRecord> deaggregate(List<Record> records) {
		List<UserRecord> userRecords = new ArrayList<>(records.size());
		for (Record record : records) {
			userRecords.addAll(decode(SdkRecords.input(record)));
		}
		return userRecords;
	}

	/**
	 * {@return the user records of the given records, in order, each Kinesis record
	 * decoded when the stream reaches it} A corrupt aggregate under
	 * {@link CorruptAggregatePolicy#FAIL FAIL} throws {@link CorruptAggregateException}
	 * from the stream's terminal operation.
	 * @param records AWS SDK v2 records, as {@code GetRecords} or
	 * {@code SubscribeToShard} return them
	 */
	public Stream<UserRecord> stream(List<Record> records) {
		return records.stream().flatMap(record -> decode(SdkRecords.input(record)).stream());
	}

	/**
	 * {@return the user records of one Kinesis record given as raw data} The user records
	 * view the buffer's array when it has one; otherwise its remaining bytes are copied
	 * once.
	 * @param data the Kinesis record's data, from its position to its limit
	 * @param partitionKey the Kinesis record's partition key
	 * @param sequenceNumber the Kinesis record's sequence number
	 * @throws CorruptAggregateException if the record is a corrupt aggregate and the
	 * policy is {@link CorruptAggregatePolicy#FAIL FAIL}
	 */
	public List<UserRecord> deaggregate(ByteBuffer data, String partitionKey, String sequenceNumber) {
		return deaggregate(data, partitionKey, null, sequenceNumber, null);
	}

	/**
	 * {@return the user records of one Kinesis record given as raw data, with all the
	 * record's attributes} The user records view the buffer's array when it has one;
	 * otherwise its remaining bytes are copied once.
	 * @param data the Kinesis record's data, from its position to its limit
	 * @param partitionKey the Kinesis record's partition key
	 * @param explicitHashKey the Kinesis record's explicit hash key, which a plain record
	 * keeps; null if it had none
	 * @param sequenceNumber the Kinesis record's sequence number
	 * @param approximateArrivalTimestamp when Kinesis received the record; null if
	 * unknown
	 * @throws CorruptAggregateException if the record is a corrupt aggregate and the
	 * policy is {@link CorruptAggregatePolicy#FAIL FAIL}
	 */
	public List<UserRecord> deaggregate(ByteBuffer data, String partitionKey, @Nullable String explicitHashKey,
			String sequenceNumber, @Nullable Instant approximateArrivalTimestamp) {
		return List
			.copyOf(decode(Input.of(data, partitionKey, explicitHashKey, sequenceNumber, approximateArrivalTimestamp)));
	}

	/**
	 * {@return all user records of a Lambda Kinesis event, in order, each with its event
	 * record's metadata}
	 * @param event the event, as Lambda passes it to a {@code RequestHandler}
	 * @throws CorruptAggregateException if an aggregate is corrupt and the policy is
	 * {@link CorruptAggregatePolicy#FAIL FAIL}
	 */
	public List<KinesisEventUserRecord> deaggregateEvent(KinesisEvent event) {
		return streamEvent(event).toList();
	}

	/**
	 * {@return the user records of a Lambda Kinesis event, in order, each Kinesis record
	 * decoded when the stream reaches it}
	 * @param event the event, as Lambda passes it to a {@code RequestHandler}
	 */
	public Stream<KinesisEventUserRecord> streamEvent(KinesisEvent event) {
		return event.getRecords()
			.stream()
			.flatMap(eventRecord -> decode(KinesisEventUserRecord.input(eventRecord)).stream()
				.map(userRecord -> KinesisEventUserRecord.of(userRecord, eventRecord)));
	}

	/**
	 * One Kinesis record's user records; an aggregate's are created as the list is read.
	 */
	List<UserRecord> decode(Input input) {
		if (!AggregateReader.isAggregate(input.source, input.offset, input.length)) {
			listener.plainRecord(input.sequenceNumber);
			return List.of(input.asPlainRecord());
		}
		Aggregate aggregate;
		try {
			aggregate = AggregateReader.read(input.source, input.offset, input.length);
		}
		catch (AggregateFormatException e) {
			return corrupt(input, e);
		}
		BigInteger start = startingHashKey;
		BigInteger end = endingHashKey;
		int @Nullable [] kept = (start == null || end == null) ? null : keptByHashKeyRange(aggregate, start, end);
		int size = kept == null ? aggregate.size() : kept.length;
		listener.aggregate(input.sequenceNumber, aggregate.size(), aggregate.size() - size);
		return new AbstractList<>() {
			@Override
			public UserRecord get(int index) {
				Objects.checkIndex(index, size);
				return aggregate.userRecord(kept == null ? index : kept[index], input.sequenceNumber,
						input.approximateArrivalTimestamp);
			}

			@Override
			public int size() {
				return size;
			}
		};
	}

	private List<UserRecord> corrupt(Input input, AggregateFormatException e) {
		CorruptAggregateException corruption = new CorruptAggregateException(e.reason(), e.getMessage(),
				input.sequenceNumber, input.partitionKey, null);
		listener.corruptAggregate(corruption, corruptAggregatePolicy);
		return switch (corruptAggregatePolicy) {
			case PASS_THROUGH -> List.of(input.asPlainRecord());
			case SKIP -> List.of();
			case FAIL -> throw corruption;
		};
	}

	/** Indexes of the user records inside the range; each distinct key is hashed once. */
	private static int @Nullable [] keptByHashKeyRange(Aggregate aggregate, BigInteger startingHashKey,
			BigInteger endingHashKey) {
		BigInteger[] byPartitionKey = new BigInteger[aggregate.partitionKeys.size()];
		BigInteger[] byExplicitHashKey = new BigInteger[aggregate.explicitHashKeys.size()];
		int[] kept = new int[aggregate.size()];
		int size = 0;
		for (int i = 0; i < aggregate.size(); i++) {
			int explicitHashKeyIndex = aggregate.explicitHashKeyIndex(i);
			BigInteger hashKey;
			if (explicitHashKeyIndex == Aggregate.NO_EXPLICIT_HASH_KEY) {
				int partitionKeyIndex = aggregate.partitionKeyIndex(i);
				hashKey = byPartitionKey[partitionKeyIndex];
				if (hashKey == null) {
					hashKey = HashKeys.effectiveHashKey(aggregate.partitionKeys.get(partitionKeyIndex), null);
					byPartitionKey[partitionKeyIndex] = hashKey;
				}
			}
			else {
				hashKey = byExplicitHashKey[explicitHashKeyIndex];
				if (hashKey == null) {
					hashKey = new BigInteger(aggregate.explicitHashKeys.get(explicitHashKeyIndex));
					byExplicitHashKey[explicitHashKeyIndex] = hashKey;
				}
			}
			if (hashKey.compareTo(startingHashKey) >= 0 && hashKey.compareTo(endingHashKey) <= 0) {
				kept[size++] = i;
			}
		}
		return size == kept.length ? null : java.util.Arrays.copyOf(kept, size);
	}

	/** One Kinesis record, whatever type it came in. */
	record Input(byte[] source, int offset, int length, String partitionKey, @Nullable String explicitHashKey,
			String sequenceNumber, @Nullable Instant approximateArrivalTimestamp) {

		static Input of(ByteBuffer data, String partitionKey, @Nullable String explicitHashKey, String sequenceNumber,
				@Nullable Instant approximateArrivalTimestamp) {
			Objects.requireNonNull(partitionKey, "partitionKey");
			Objects.requireNonNull(sequenceNumber, "sequenceNumber");
			if (data.hasArray()) {
				return new Input(data.array(), data.arrayOffset() + data.position(), data.remaining(), partitionKey,
						explicitHashKey, sequenceNumber, approximateArrivalTimestamp);
			}
			byte[] copy = new byte[data.remaining()];
			data.duplicate().get(copy);
			return new Input(copy, 0, copy.length, partitionKey, explicitHashKey, sequenceNumber,
					approximateArrivalTimestamp);
		}

		UserRecord asPlainRecord() {
			return new UserRecord(source, offset, length, partitionKey, explicitHashKey, sequenceNumber, 0, false,
					approximateArrivalTimestamp);
		}
	}

	/** Configures a {@link Deaggregator}. */
	public static final class Builder {

		private CorruptAggregatePolicy corruptAggregatePolicy = CorruptAggregatePolicy.PASS_THROUGH;

		private @Nullable BigInteger startingHashKey;

		private @Nullable BigInteger endingHashKey;

		private DeaggregationListener listener = DeaggregationListener.NONE;

		private Builder() {
		}

		/**
		 * Sets what to do with a corrupt aggregate;
		 * {@link CorruptAggregatePolicy#PASS_THROUGH} by default.
		 * @param policy the policy
		 * @return this builder
		 */
		public Builder corruptAggregatePolicy(CorruptAggregatePolicy policy) {
			this.corruptAggregatePolicy = Objects.requireNonNull(policy, "policy");
			return this;
		}

		/**
		 * Drops the user records of aggregates whose effective hash key lies outside the
		 * shard's inclusive hash-key range, as KCL does after resharding. Plain records
		 * are never dropped.
		 * @param startingHashKey the shard's {@code StartingHashKey}
		 * @param endingHashKey the shard's {@code EndingHashKey}, inclusive
		 * @return this builder
		 * @throws IllegalArgumentException if the range is empty
		 */
		public Builder hashKeyRange(BigInteger startingHashKey, BigInteger endingHashKey) {
			Objects.requireNonNull(startingHashKey, "startingHashKey");
			Objects.requireNonNull(endingHashKey, "endingHashKey");
			if (startingHashKey.compareTo(endingHashKey) > 0) {
				throw new IllegalArgumentException(
						"startingHashKey " + startingHashKey + " > endingHashKey " + endingHashKey);
			}
			this.startingHashKey = startingHashKey;
			this.endingHashKey = endingHashKey;
			return this;
		}

		/**
		 * Sets the listener told about every plain record, aggregate and corrupt
		 * aggregate; {@link DeaggregationListener#NONE} by default.
		 * @param listener the listener, thread-safe if the deaggregator is shared
		 * @return this builder
		 */
		public Builder listener(DeaggregationListener listener) {
			this.listener = Objects.requireNonNull(listener, "listener");
			return this;
		}

		/**
		 * {@return a deaggregator with this builder's settings} The builder may be used
		 * again.
		 */
		public Deaggregator build() {
			return new Deaggregator(this);
		}

	}

}
