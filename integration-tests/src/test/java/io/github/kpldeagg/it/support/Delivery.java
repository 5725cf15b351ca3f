package io.github.kpldeagg.it.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

import io.awspring.cloud.kinesis.integration.KinesisHeaders;
import io.github.kpldeagg.core.KplHeaders;
import io.github.kpldeagg.core.UserRecord;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

/**
 * One call of a consumer's function with a user record, as the test needs it: the
 * record's identity and content from the {@link KplHeaders} and the payload, the binder's
 * own headers, and whether the {@link UserRecord} payload agrees with the headers.
 * Travels between JVMs as one line of text.
 *
 * @param instance which consumer instance received it
 * @param explicitHashKey the {@link KplHeaders#EXPLICIT_HASH_KEY} header, null when
 * absent
 * @param payloadAgreesWithHeaders whether the {@link UserRecord}'s keys, numbers and flag
 * equal the headers
 * @param receivedAtNanos {@link System#nanoTime()} when the function was called
 */
public record Delivery(String instance, UserRecordId id, boolean aggregated, RecordContent content,
		String explicitHashKey, String receivedPartitionKey, String receivedSequenceNumber,
		boolean payloadAgreesWithHeaders, long receivedAtNanos) {

	private static final String SEPARATOR = "\t";

	public static Delivery of(String instance, Message<UserRecord> message) {
		MessageHeaders headers = message.getHeaders();
		UserRecord userRecord = message.getPayload();
		String partitionKey = headers.get(KplHeaders.PARTITION_KEY, String.class);
		String explicitHashKey = headers.get(KplHeaders.EXPLICIT_HASH_KEY, String.class);
		UserRecordId id = new UserRecordId(headers.get(KinesisHeaders.RECEIVED_STREAM, String.class),
				headers.get(KinesisHeaders.SHARD, String.class), headers.get(KplHeaders.SEQUENCE_NUMBER, String.class),
				headers.get(KplHeaders.SUB_SEQUENCE_NUMBER, Long.class));
		boolean aggregated = headers.get(KplHeaders.AGGREGATED, Boolean.class);
		boolean payloadAgrees = userRecord.partitionKey().equals(partitionKey)
				&& Objects.equals(userRecord.explicitHashKey().orElse(null), explicitHashKey)
				&& userRecord.sequenceNumber().equals(id.sequenceNumber())
				&& userRecord.subSequenceNumber() == id.subSequenceNumber() && userRecord.aggregated() == aggregated;
		return new Delivery(instance, id, aggregated, RecordContent.of(partitionKey, userRecord.bytes()),
				explicitHashKey, headers.get(KinesisHeaders.RECEIVED_PARTITION_KEY, String.class),
				headers.get(KinesisHeaders.RECEIVED_SEQUENCE_NUMBER, String.class), payloadAgrees, System.nanoTime());
	}

	public String toLine() {
		return String.join(SEPARATOR, encode(this.instance), encode(this.id.stream()), encode(this.id.shard()),
				this.id.sequenceNumber(), Long.toString(this.id.subSequenceNumber()), Boolean.toString(this.aggregated),
				encode(this.content.partitionKey()), this.content.dataSha256(),
				(this.explicitHashKey == null) ? "-" : this.explicitHashKey, encode(this.receivedPartitionKey),
				this.receivedSequenceNumber, Boolean.toString(this.payloadAgreesWithHeaders),
				Long.toString(this.receivedAtNanos));
	}

	public static Delivery fromLine(String line) {
		String[] fields = line.split(SEPARATOR, -1);
		return new Delivery(decode(fields[0]),
				new UserRecordId(decode(fields[1]), decode(fields[2]), fields[3], Long.parseLong(fields[4])),
				Boolean.parseBoolean(fields[5]), new RecordContent(decode(fields[6]), fields[7]),
				"-".equals(fields[8]) ? null : fields[8], decode(fields[9]), fields[10],
				Boolean.parseBoolean(fields[11]), Long.parseLong(fields[12]));
	}

	private static String encode(String text) {
		return (text != null) ? Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) : "";
	}

	private static String decode(String field) {
		return new String(Base64.getDecoder().decode(field), StandardCharsets.UTF_8);
	}
}
