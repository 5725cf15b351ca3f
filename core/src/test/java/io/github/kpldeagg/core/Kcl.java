package io.github.kpldeagg.core;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.List;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.kinesis.retrieval.AggregatorUtil;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/** KCL 2.5.8's {@code AggregatorUtil}, the reference our reader is compared with. */
final class Kcl {

	private static final AggregatorUtil AGGREGATOR_UTIL = new AggregatorUtil();

	private Kcl() {
	}

	static List<KinesisClientRecord> deaggregate(Record record) {
		return AGGREGATOR_UTIL.deaggregate(List.of(KinesisClientRecord.fromRecord(record)));
	}

	static List<KinesisClientRecord> deaggregate(Record record, BigInteger startingHashKey, BigInteger endingHashKey) {
		return AGGREGATOR_UTIL.deaggregate(List.of(KinesisClientRecord.fromRecord(record)), startingHashKey,
				endingHashKey);
	}

	static Record sdkRecord(byte[] data, String partitionKey, String sequenceNumber) {
		return Record.builder()
			.data(SdkBytes.fromByteArray(data))
			.partitionKey(partitionKey)
			.sequenceNumber(sequenceNumber)
			.build();
	}

	static byte[] bytes(KinesisClientRecord record) {
		ByteBuffer data = record.data().duplicate();
		byte[] bytes = new byte[data.remaining()];
		data.get(bytes);
		return bytes;
	}

}
