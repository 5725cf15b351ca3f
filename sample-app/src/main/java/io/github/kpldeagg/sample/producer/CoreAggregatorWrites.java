package io.github.kpldeagg.sample.producer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.atomic.LongAdder;

import io.github.kpldeagg.core.Aggregator;
import io.github.kpldeagg.core.KinesisRecord;
import io.github.kpldeagg.sample.ReadingJson;
import io.github.kpldeagg.sample.check.Delivery;
import io.github.kpldeagg.sample.check.DeliveryLedger;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Readings written as JSON user records the way the KPL writes them, with the core's
 * {@link Aggregator} and the sample's own PutRecords calls: one aggregator per shard
 * packs the user records bound for that shard, all of them are flushed when a buffering
 * window ends, and the Kinesis records go out with PutRecords. Each put user record is
 * entered in the {@link DeliveryLedger} with the sequence number Kinesis returned. Not
 * thread-safe.
 *
 * @author The kpl-deagg maintainers
 */
final class CoreAggregatorWrites {

	private static final int MAX_RECORDS_PER_PUT = 500;

	private static final int MAX_BYTES_PER_PUT = 5 * 1024 * 1024;

	private static final int PUT_ATTEMPTS = 10;

	private static final long RETRY_BACKOFF_MILLIS = 100;

	private final KinesisClient kinesis;

	private final String stream;

	private final ShardMap shards;

	private final DeliveryLedger ledger;

	private final List<Aggregator> aggregators = new ArrayList<>();

	/**
	 * Per shard, the readings added to its aggregator and not yet in a returned Kinesis
	 * record, oldest first.
	 */
	private final List<Queue<OutgoingReading>> pending = new ArrayList<>();

	private final LongAdder userRecords = new LongAdder();

	private final LongAdder aggregates = new LongAdder();

	private final LongAdder plainRecords = new LongAdder();

	private final LongAdder putRecordsCalls = new LongAdder();

	CoreAggregatorWrites(KinesisClient kinesis, String stream, DeliveryLedger ledger) {
		this.kinesis = kinesis;
		this.stream = stream;
		this.shards = ShardMap.of(kinesis, stream);
		this.ledger = ledger;
		for (int i = 0; i < this.shards.size(); i++) {
			this.aggregators.add(Aggregator.create());
			this.pending.add(new ArrayDeque<>());
		}
	}

	/**
	 * Puts the readings of one buffering window; like the KPL, a shard with a single
	 * reading gets it plain.
	 * @param readings the readings
	 */
	void putWindow(List<OutgoingReading> readings) {
		List<Carrier> carriers = new ArrayList<>();
		for (OutgoingReading reading : readings) {
			int shard = this.shards.shardOf(reading.partitionKey(), reading.explicitHashKey());
			this.pending.get(shard).add(reading);
			for (KinesisRecord record : this.aggregators.get(shard)
				.add(reading.partitionKey(), reading.explicitHashKey(), ReadingJson.write(reading.reading()))) {
				carriers.add(new Carrier(record, this.pending.get(shard)));
			}
		}
		for (int shard = 0; shard < this.shards.size(); shard++) {
			Queue<OutgoingReading> shardPending = this.pending.get(shard);
			this.aggregators.get(shard).flush().ifPresent((record) -> carriers.add(new Carrier(record, shardPending)));
		}
		put(carriers);
	}

	ProducerStats stats() {
		return new ProducerStats(this.userRecords.sum(), this.aggregates.sum(), this.plainRecords.sum(),
				this.putRecordsCalls.sum());
	}

	/**
	 * Puts in as few PutRecords calls as Kinesis's limits allow, retrying the entries
	 * Kinesis rejects.
	 * @param carriers the carriers
	 */
	private void put(List<Carrier> carriers) {
		List<Carrier> remaining = carriers;
		for (int attempt = 1; !remaining.isEmpty(); attempt++) {
			if (attempt > PUT_ATTEMPTS) {
				throw new IllegalStateException(
						"Kinesis rejected " + remaining.size() + " records " + PUT_ATTEMPTS + " times in a row");
			}
			if (attempt > 1) {
				sleep(RETRY_BACKOFF_MILLIS * attempt);
			}
			List<Carrier> rejected = new ArrayList<>();
			for (List<Carrier> batch : batches(remaining)) {
				rejected.addAll(putBatch(batch));
			}
			remaining = rejected;
		}
	}

	private List<Carrier> putBatch(List<Carrier> batch) {
		List<PutRecordsRequestEntry> entries = batch.stream()
			.map((carrier) -> PutRecordsRequestEntry.builder()
				.partitionKey(carrier.record.partitionKey())
				.explicitHashKey(carrier.record.explicitHashKey())
				.data(SdkBytes.fromByteArrayUnsafe(carrier.record.data()))
				.build())
			.toList();
		List<PutRecordsResultEntry> results = this.kinesis
			.putRecords((request) -> request.streamName(this.stream).records(entries))
			.records();
		this.putRecordsCalls.increment();
		List<Carrier> rejected = new ArrayList<>();
		for (int i = 0; i < batch.size(); i++) {
			if (results.get(i).errorCode() != null) {
				rejected.add(batch.get(i));
			}
			else {
				enterSent(batch.get(i), results.get(i).sequenceNumber());
			}
		}
		return rejected;
	}

	private void enterSent(Carrier carrier, String sequenceNumber) {
		boolean aggregated = carrier.record.aggregated();
		for (int i = 0; i < carrier.readings.size(); i++) {
			OutgoingReading reading = carrier.readings.get(i);
			// Kinesis does not return the explicit hash key a plain record was put with.
			this.ledger.sent(new Delivery(reading.reading(), reading.partitionKey(),
					aggregated ? reading.explicitHashKey() : null, sequenceNumber, aggregated ? i : 0, aggregated));
		}
		this.userRecords.add(carrier.readings.size());
		(aggregated ? this.aggregates : this.plainRecords).increment();
	}

	private static List<List<Carrier>> batches(List<Carrier> carriers) {
		List<List<Carrier>> batches = new ArrayList<>();
		List<Carrier> batch = new ArrayList<>();
		int batchBytes = 0;
		for (Carrier carrier : carriers) {
			int bytes = carrier.record.data().length + carrier.record.partitionKey().length();
			if (!batch.isEmpty() && (batch.size() == MAX_RECORDS_PER_PUT || batchBytes + bytes > MAX_BYTES_PER_PUT)) {
				batches.add(batch);
				batch = new ArrayList<>();
				batchBytes = 0;
			}
			batch.add(carrier);
			batchBytes += bytes;
		}
		if (!batch.isEmpty()) {
			batches.add(batch);
		}
		return batches;
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while retrying PutRecords", ex);
		}
	}

	/** A Kinesis record to put and the readings it carries, in order. */
	private static final class Carrier {

		final KinesisRecord record;

		final List<OutgoingReading> readings = new ArrayList<>();

		/**
		 * Takes the record's readings off the front of its shard's pending readings.
		 * @param record the record
		 * @param shardPending the shard pending
		 */
		Carrier(KinesisRecord record, Queue<OutgoingReading> shardPending) {
			this.record = record;
			for (int i = 0; i < record.userRecordCount(); i++) {
				this.readings.add(shardPending.remove());
			}
		}

	}

}
