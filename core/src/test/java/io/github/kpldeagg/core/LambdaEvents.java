package io.github.kpldeagg.core;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent.KinesisEventRecord;
import io.github.kpldeagg.core.KplVectors.Vector;

/**
 * Lambda {@code KinesisEvent}s as Lambda builds them: one batch per shard, records in
 * sequence order.
 */
final class LambdaEvents {

	static final String STREAM_ARN = "arn:aws:kinesis:eu-west-1:123456789012:stream/orders";

	private LambdaEvents() {
	}

	/** One event per shard the vectors of a KPL version came from. */
	static List<KinesisEvent> byShard(String producer) {
		Map<String, List<KinesisEventRecord>> shards = new TreeMap<>();
		for (Vector vector : KplVectors.of(producer)) {
			shards.computeIfAbsent(vector.shardId(), (shard) -> new ArrayList<>()).add(record(vector));
		}
		return shards.values().stream().map(LambdaEvents::event).toList();
	}

	static KinesisEvent event(List<KinesisEventRecord> records) {
		KinesisEvent event = new KinesisEvent();
		event.setRecords(new ArrayList<>(records));
		return event;
	}

	static KinesisEventRecord record(Vector vector) {
		return record(vector.data(), vector.partitionKey(), vector.sequenceNumber(), vector.shardId(),
				Date.from(vector.arrival()));
	}

	static KinesisEventRecord record(byte[] data, String partitionKey, String sequenceNumber, String shardId,
			Date arrival) {
		KinesisEvent.Record kinesis = new KinesisEvent.Record();
		kinesis.setData(ByteBuffer.wrap(data));
		kinesis.setPartitionKey(partitionKey);
		kinesis.setSequenceNumber(sequenceNumber);
		kinesis.setApproximateArrivalTimestamp(arrival);
		kinesis.setKinesisSchemaVersion("1.0");
		KinesisEventRecord eventRecord = new KinesisEventRecord();
		eventRecord.setKinesis(kinesis);
		eventRecord.setEventSource("aws:kinesis");
		eventRecord.setEventSourceARN(STREAM_ARN);
		eventRecord.setEventID(shardId + ":" + sequenceNumber);
		eventRecord.setEventName("aws:kinesis:record");
		eventRecord.setEventVersion("1.0");
		eventRecord.setAwsRegion("eu-west-1");
		eventRecord.setInvokeIdentityArn("arn:aws:iam::123456789012:role/lambda-role");
		return eventRecord;
	}

}
