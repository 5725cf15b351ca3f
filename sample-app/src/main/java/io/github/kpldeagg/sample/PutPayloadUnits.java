package io.github.kpldeagg.sample;

import java.util.concurrent.atomic.LongAdder;

import io.github.kpldeagg.producer.ProducerMetrics;

import org.springframework.stereotype.Component;

/**
 * What kpl-deagg-producer's {@code AggregatingProducer} put, in what Kinesis bills: PUT
 * payload units of 25 KB, each Kinesis record rounded up. The auto-configured producer
 * takes this bean as its metrics.
 *
 * @author The kpl-deagg maintainers
 */
@Component
class PutPayloadUnits implements ProducerMetrics {

	/** 25 KB. */
	static final int UNIT_BYTES = 25 * 1024;

	private final LongAdder kinesisRecords = new LongAdder();

	private final LongAdder units = new LongAdder();

	@Override
	public void kinesisRecordPut(String stream, int bytes) {
		this.kinesisRecords.increment();
		this.units.add(Math.max(1, (bytes + UNIT_BYTES - 1) / UNIT_BYTES));
	}

	/**
	 * Kinesis records put, wrong-shard puts again included.
	 * @return the Kinesis records put, wrong-shard puts again included
	 */
	long kinesisRecords() {
		return this.kinesisRecords.sum();
	}

	long units() {
		return this.units.sum();
	}

}
