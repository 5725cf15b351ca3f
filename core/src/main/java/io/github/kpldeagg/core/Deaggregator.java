package io.github.kpldeagg.core;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.stream.Stream;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
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
 * for (Record record : getRecordsResponse.records()) {
 *     for (UserRecord userRecord : deaggregator.deaggregate(record)) {
 *         process(userRecord.partitionKey(), userRecord.data());
 *     }
 * }
 * }</pre>
 *
 * <h2>Validation</h2> An aggregate is validated whole before any of its user records is
 * delivered: its MD5, its protobuf structure, its required fields, its key-table indexes,
 * and the keys its user records use: explicit hash keys must be decimals in [0, 2^128),
 * partition keys valid UTF-8, as every key the KPL and the Kinesis API carry is. An
 * aggregate that fails any of these is corrupt ({@link CorruptAggregateException}, with
 * its {@link CorruptionReason}) and the {@link CorruptAggregatePolicy} decides what is
 * delivered instead: by default the Kinesis record itself, unchanged, as KCL does with an
 * aggregate it cannot parse. (KCL 2.5.8 delivers a partition key that is not UTF-8 with
 * replacement characters, and filters by the hash of those rather than of the producer's
 * bytes; here it is {@link CorruptionReason#PARTITION_KEY_NOT_UTF8}.)
 *
 * <h2>Memory</h2> {@link #deaggregate(Record)} and
 * {@link #deaggregate(ByteBuffer, String, String) deaggregate(ByteBuffer, ...)} return a
 * lazy view of the record's user records, which creates each one when it is read and
 * holds no more than twice the aggregate's size, however many user records it has: 4
 * bytes per user record and per key-table entry, which take at least 6 and 2 bytes of the
 * aggregate (8 per user record once a hash-key range drops some), and the strings of key
 * tables of up to 16 entries. Reading the user records one at a time, each let go after
 * use, keeps the heap growth within that bound. The methods that return the user records
 * of many Kinesis records as one list hold every user record, about 60 bytes each (more
 * with distinct partition keys); a 10 MiB aggregate can carry 1.7 million of them.
 *
 * @author The kpl-deagg maintainers
 */
public final class Deaggregator {

	private final CorruptAggregatePolicy corruptAggregatePolicy;

	private final @Nullable HashKeyRange hashKeyRange;

	private final DeaggregationListener listener;

	private Deaggregator(Builder builder) {
		this.corruptAggregatePolicy = builder.corruptAggregatePolicy;
		this.hashKeyRange = builder.hashKeyRange;
		this.listener = builder.listener;
	}

	/**
	 * Returns a deaggregator that passes corrupt aggregates through, as KCL does, and
	 * filters nothing.
	 * @return a deaggregator that passes corrupt aggregates through, as KCL does, and
	 * filters nothing
	 */
	public static Deaggregator create() {
		return builder().build();
	}

	/**
	 * Returns a builder, for a corrupt-aggregate policy, a shard's hash-key range or a
	 * listener.
	 * @return a builder, for a corrupt-aggregate policy, a shard's hash-key range or a
	 * listener
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns all user records of the given records, in order, in one list that holds
	 * them all. To hold one aggregate's user records at a time, call
	 * {@link #deaggregate(Record)} per record instead.
	 * @param records the AWS SDK v2 records, as {@code GetRecords} or
	 * {@code SubscribeToShard} return them
	 * @return all user records of the given records, in order, in one list that holds
	 * them all
	 * @throws CorruptAggregateException if an aggregate is corrupt and the policy is
	 * {@link CorruptAggregatePolicy#FAIL FAIL}
	 */
	public List<UserRecord> deaggregate(List<Record> records) {
		List<UserRecord> userRecords = new ArrayList<>(records.size());
		for (Record record : records) {
			userRecords.addAll(deaggregate(record));
		}
		return userRecords;
	}

	/**
	 * Returns the user records of one Kinesis record, in order, as a lazy, unmodifiable,
	 * random-access view. A plain record gives one user record, unchanged. An aggregate
	 * is validated whole before this returns, and the listener told what it is, so a
	 * corrupt one is handled by the policy here and never half delivered. The view then
	 * creates each user record when it is read, from the record's bytes (each read gives
	 * a new, equal, instance), and holds no more than twice the aggregate's size however
	 * many user records it has.
	 * @param record an AWS SDK v2 record, as {@code GetRecords} or
	 * {@code SubscribeToShard} return it
	 * @return the user records of one Kinesis record, in order, as a lazy, unmodifiable,
	 * random-access view
	 * @throws CorruptAggregateException if the record is a corrupt aggregate and the
	 * policy is {@link CorruptAggregatePolicy#FAIL FAIL}
	 */
	public List<UserRecord> deaggregate(Record record) {
		return decode(SdkRecords.input(record));
	}

	/**
	 * Returns the user records of the given records, in order, each Kinesis record
	 * decoded when the stream reaches it. A corrupt aggregate under
	 * {@link CorruptAggregatePolicy#FAIL FAIL} throws {@link CorruptAggregateException}
	 * from the stream's terminal operation.
	 * @param records the AWS SDK v2 records, as {@code GetRecords} or
	 * {@code SubscribeToShard} return them
	 * @return the user records of the given records, in order, each Kinesis record
	 * decoded when the stream reaches it
	 */
	public Stream<UserRecord> stream(List<Record> records) {
		return records.stream().flatMap((record) -> deaggregate(record).stream());
	}

	/**
	 * Returns the user records of one Kinesis record given as raw data, as a lazy view.
	 * The user records view the buffer's array when it has one, which must not change
	 * while they or the view are in use; otherwise its remaining bytes are copied once.
	 * The view is the one {@link #deaggregate(Record)} returns: unmodifiable,
	 * random-access, each user record created when it is read, validated whole before
	 * this returns.
	 * @param data the Kinesis record's data, from its position to its limit
	 * @param partitionKey the Kinesis record's partition key
	 * @param sequenceNumber the Kinesis record's sequence number
	 * @return the user records of one Kinesis record given as raw data, as a lazy view
	 * @throws CorruptAggregateException if the record is a corrupt aggregate and the
	 * policy is {@link CorruptAggregatePolicy#FAIL FAIL}
	 */
	public List<UserRecord> deaggregate(ByteBuffer data, String partitionKey, String sequenceNumber) {
		return deaggregate(data, partitionKey, null, sequenceNumber, null);
	}

	/**
	 * Returns the user records of one Kinesis record given as raw data, with all the
	 * record's attributes, as a lazy view. The user records view the buffer's array when
	 * it has one, which must not change while they or the view are in use; otherwise its
	 * remaining bytes are copied once. The view is the one {@link #deaggregate(Record)}
	 * returns: unmodifiable, random-access, each user record created when it is read,
	 * validated whole before this returns.
	 * @param data the Kinesis record's data, from its position to its limit
	 * @param partitionKey the Kinesis record's partition key
	 * @param explicitHashKey the Kinesis record's explicit hash key, which a plain record
	 * keeps; null if it had none
	 * @param sequenceNumber the Kinesis record's sequence number
	 * @param approximateArrivalTimestamp when Kinesis received the record; null if
	 * unknown
	 * @return the user records of one Kinesis record given as raw data, with all the
	 * record's attributes, as a lazy view
	 * @throws CorruptAggregateException if the record is a corrupt aggregate and the
	 * policy is {@link CorruptAggregatePolicy#FAIL FAIL}
	 */
	public List<UserRecord> deaggregate(ByteBuffer data, String partitionKey, @Nullable String explicitHashKey,
			String sequenceNumber, @Nullable Instant approximateArrivalTimestamp) {
		return decode(Input.of(data, partitionKey, explicitHashKey, sequenceNumber, approximateArrivalTimestamp));
	}

	/**
	 * Returns all user records of a Lambda Kinesis event, in order, each with its event
	 * record's metadata.
	 * @param event the event, as Lambda passes it to a {@code RequestHandler}
	 * @return all user records of a Lambda Kinesis event, in order, each with its event
	 * record's metadata
	 * @throws CorruptAggregateException if an aggregate is corrupt and the policy is
	 * {@link CorruptAggregatePolicy#FAIL FAIL}
	 */
	public List<KinesisEventUserRecord> deaggregateEvent(KinesisEvent event) {
		return streamEvent(event).toList();
	}

	/**
	 * Returns the user records of a Lambda Kinesis event, in order, each Kinesis record
	 * decoded when the stream reaches it.
	 * @param event the event, as Lambda passes it to a {@code RequestHandler}
	 * @return the user records of a Lambda Kinesis event, in order, each Kinesis record
	 * decoded when the stream reaches it
	 */
	public Stream<KinesisEventUserRecord> streamEvent(KinesisEvent event) {
		return event.getRecords()
			.stream()
			.flatMap((eventRecord) -> decode(KinesisEventUserRecord.input(eventRecord)).stream()
				.map((userRecord) -> KinesisEventUserRecord.of(userRecord, eventRecord)));
	}

	/**
	 * One Kinesis record's user records; an aggregate's are created as the list is read.
	 * @param input the input
	 * @return one Kinesis record's user records
	 */
	List<UserRecord> decode(Input input) {
		if (!AggregateReader.isAggregate(input.source, input.offset, input.length)) {
			this.listener.plainRecord(input.sequenceNumber);
			return List.of(input.asPlainRecord());
		}
		Aggregate aggregate;
		try {
			aggregate = AggregateReader.read(input.source, input.offset, input.length, this.hashKeyRange);
		}
		catch (AggregateFormatException ex) {
			return corrupt(input, ex);
		}
		this.listener.aggregate(input.sequenceNumber, aggregate.userRecordCount(),
				aggregate.userRecordCount() - aggregate.size());
		return (aggregate.size() == 0) ? List.of()
				: new UserRecords(aggregate, input.sequenceNumber, input.approximateArrivalTimestamp);
	}

	private List<UserRecord> corrupt(Input input, AggregateFormatException e) {
		CorruptAggregateException corruption = new CorruptAggregateException(e.reason(), e.getMessage(),
				input.sequenceNumber, input.partitionKey, null);
		this.listener.corruptAggregate(corruption, this.corruptAggregatePolicy);
		return switch (this.corruptAggregatePolicy) {
			case PASS_THROUGH -> List.of(input.asPlainRecord());
			case SKIP -> List.of();
			case FAIL -> throw corruption;
		};
	}

	/**
	 * An aggregate's delivered user records, each created when it is read: what the list
	 * holds is the {@link Aggregate}'s offsets, not user records.
	 */
	private static final class UserRecords extends AbstractList<UserRecord> implements RandomAccess {

		private final Aggregate aggregate;

		private final String sequenceNumber;

		private final @Nullable Instant approximateArrivalTimestamp;

		UserRecords(Aggregate aggregate, String sequenceNumber, @Nullable Instant approximateArrivalTimestamp) {
			this.aggregate = aggregate;
			this.sequenceNumber = sequenceNumber;
			this.approximateArrivalTimestamp = approximateArrivalTimestamp;
		}

		@Override
		public UserRecord get(int index) {
			Objects.checkIndex(index, this.aggregate.size());
			return this.aggregate.userRecord(index, this.sequenceNumber, this.approximateArrivalTimestamp);
		}

		@Override
		public int size() {
			return this.aggregate.size();
		}

	}

	/**
	 * One Kinesis record, whatever type it came in.
	 *
	 * @param source the source
	 * @param offset the offset
	 * @param length the length
	 * @param partitionKey the partition key
	 * @param explicitHashKey the explicit hash key
	 * @param sequenceNumber the sequence number
	 * @param approximateArrivalTimestamp the approximate arrival timestamp
	 */
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
			return new UserRecord(this.source, this.offset, this.length, this.partitionKey, this.explicitHashKey,
					this.sequenceNumber, 0, false, this.approximateArrivalTimestamp);
		}
	}

	/** Configures a {@link Deaggregator}. */
	public static final class Builder {

		private CorruptAggregatePolicy corruptAggregatePolicy = CorruptAggregatePolicy.PASS_THROUGH;

		private @Nullable HashKeyRange hashKeyRange;

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
			this.hashKeyRange = new HashKeyRange(startingHashKey, endingHashKey);
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
		 * Returns a deaggregator with this builder's settings. The builder may be used
		 * again.
		 * @return a deaggregator with this builder's settings
		 */
		public Deaggregator build() {
			return new Deaggregator(this);
		}

	}

}
