package io.github.kpldeagg.sample.producer;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.github.kpldeagg.producer.AggregatingProducer;
import io.github.kpldeagg.producer.UserRecordResult;
import io.github.kpldeagg.sample.ReadingJson;
import io.github.kpldeagg.sample.check.Delivery;
import io.github.kpldeagg.sample.check.DeliveryLedger;

/**
 * Readings added to kpl-deagg-producer's {@link AggregatingProducer}; each is noted in
 * the ledger under the identity its result names (shard, sequence and sub-sequence
 * number) when it is put.
 *
 * @author The kpl-deagg maintainers
 */
final class KplDeaggProducerWrites {

	private final AggregatingProducer producer;

	private final String stream;

	private final DeliveryLedger ledger;

	private final LongAdder userRecords = new LongAdder();

	private final Set<String> aggregates = ConcurrentHashMap.newKeySet();

	private final Set<String> plainRecords = ConcurrentHashMap.newKeySet();

	KplDeaggProducerWrites(AggregatingProducer producer, String stream, DeliveryLedger ledger) {
		this.producer = producer;
		this.stream = stream;
		this.ledger = ledger;
	}

	void add(OutgoingReading reading) {
		this.producer
			.addUserRecord(this.stream, reading.partitionKey(), reading.explicitHashKey(),
					ReadingJson.write(reading.reading()))
			.thenAccept((result) -> noteSent(reading, result));
	}

	/**
	 * What was put so far; the producer's PutRecords calls are not counted.
	 * @return what was put so far
	 */
	ProducerStats stats() {
		return new ProducerStats(this.userRecords.sum(), this.aggregates.size(), this.plainRecords.size(), 0);
	}

	private void noteSent(OutgoingReading reading, UserRecordResult result) {
		// Kinesis does not return the explicit hash key a plain record was put with.
		this.ledger.sent(new Delivery(reading.reading(), reading.partitionKey(),
				result.aggregated() ? reading.explicitHashKey() : null, result.sequenceNumber(),
				result.subSequenceNumber(), result.aggregated()));
		(result.aggregated() ? this.aggregates : this.plainRecords)
			.add(result.shardId() + "/" + result.sequenceNumber());
		this.userRecords.increment();
	}

}
