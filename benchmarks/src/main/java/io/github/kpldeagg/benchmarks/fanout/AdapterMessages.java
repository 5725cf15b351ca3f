package io.github.kpldeagg.benchmarks.fanout;

import java.math.BigInteger;
import java.time.Instant;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.Record;

import org.springframework.integration.IntegrationMessageHeaderAccessor;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;

/**
 * The message the binder's polling adapter sends to its output channel for one Kinesis
 * record in record mode: the data as a {@code byte[]} payload, the record's partition key
 * and sequence number, the SDK {@link Record} as source data, and the stream and shard.
 *
 * @author The kpl-deagg maintainers
 */
final class AdapterMessages {

	static final String STREAM = "orders";

	static final String SHARD = "shardId-000000000000";

	private static final BigInteger FIRST_SEQUENCE_NUMBER = new BigInteger(
			"49590338271490256608559692538361571095921575989136588898");

	private static final Instant ARRIVAL = Instant.parse("2025-06-01T12:00:00Z");

	private AdapterMessages() {
	}

	/**
	 * The message of the record at {@code position} in the shard.
	 * @param data the data
	 * @param partitionKey the partition key
	 * @param position the position
	 * @return the message of the record at {@code position} in the shard
	 */
	static Message<byte[]> of(byte[] data, String partitionKey, int position) {
		Record record = Record.builder()
			.data(SdkBytes.fromByteArray(data))
			.partitionKey(partitionKey)
			.sequenceNumber(FIRST_SEQUENCE_NUMBER.add(BigInteger.valueOf(position)).toString())
			.approximateArrivalTimestamp(ARRIVAL)
			.build();
		return MessageBuilder.withPayload(record.data().asByteArray())
			.setHeader(BenchmarkedBinderLine.RECEIVED_PARTITION_KEY, record.partitionKey())
			.setHeader(BenchmarkedBinderLine.RECEIVED_SEQUENCE_NUMBER, record.sequenceNumber())
			.setHeader(IntegrationMessageHeaderAccessor.SOURCE_DATA, record)
			.setHeader(BenchmarkedBinderLine.RECEIVED_STREAM, STREAM)
			.setHeader(BenchmarkedBinderLine.SHARD, SHARD)
			.build();
	}

}
