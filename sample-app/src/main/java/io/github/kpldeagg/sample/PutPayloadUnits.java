package io.github.kpldeagg.sample;

import io.github.kpldeagg.producer.ProducerMetrics;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.stereotype.Component;

/**
 * What kpl-deagg-producer's {@code AggregatingProducer} put, in what Kinesis bills: PUT
 * payload units of 25 KB, each Kinesis record rounded up. The auto-configured producer
 * takes this bean as its metrics.
 */
@Component
class PutPayloadUnits implements ProducerMetrics {

	/** 25 KB. */
	static final int UNIT_BYTES = 25 * 1024;

	private final LongAdder kinesisRecords = new LongAdder();

	private final LongAdder units = new LongAdder();

	@Override
	public void kinesisRecordPut(String stream, int bytes) {
		kinesisRecords.increment();
		units.add(Math.max(1, (bytes + UNIT_BYTES - 1) / UNIT_BYTES));
	}

	/** Kinesis records put, wrong-shard puts again included. */
	long kinesisRecords() {
		return kinesisRecords.sum();
	}

	long units() {
		return units.sum();
	}

}
