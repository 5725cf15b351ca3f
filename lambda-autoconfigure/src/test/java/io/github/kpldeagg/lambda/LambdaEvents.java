package io.github.kpldeagg.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kinesis events as Lambda sends them, made of the records the real KPL wrote
 * (src/vectors/kpl): one event per shard, records in sequence order, data in base64,
 * arrival in epoch seconds with a fraction. Public for the Lambda sample's tests and
 * local run, which take this module's test jar.
 */
public final class LambdaEvents {

	public static final String STREAM_ARN = "arn:aws:kinesis:eu-west-1:123456789012:stream/orders";
	static final List<String> PRODUCERS = List.of("kpl-1.1.1", "kpl-0.15.12");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private LambdaEvents() {
	}

	/** The records of one KPL version, by shard. */
	public static Map<String, List<KinesisRecord>> shards(String producer) {
		Map<String, List<KinesisRecord>> shards = new TreeMap<>();
		for (JsonNode vector : index(producer).get("vectors")) {
			List<Expected> userRecords = new ArrayList<>();
			for (JsonNode userRecord : vector.get("userRecords")) {
				userRecords.add(new Expected(userRecord.get("subSequenceNumber").asLong(),
						userRecord.get("partitionKey").asString(),
						userRecord.get("explicitHashKey").isNull() ? null
								: userRecord.get("explicitHashKey").asString(),
						Base64.getDecoder().decode(userRecord.get("dataBase64").asString())));
			}
			KinesisRecord record = new KinesisRecord(vector.get("shardId").asString(),
					vector.get("sequenceNumber").asString(), vector.get("partitionKey").asString(),
					Instant.parse(vector.get("approximateArrivalTimestamp").asString()),
					resource("/kpl/" + vector.get("file").asString()), vector.get("aggregated").asBoolean(),
					userRecords);
			shards.computeIfAbsent(record.shardId(), (shard) -> new ArrayList<>()).add(record);
		}
		return shards;
	}

	/**
	 * The first shard of KPL 1.1.1: a plain record, then aggregates of 27, 48, 88, ...
	 * user records.
	 */
	public static List<KinesisRecord> firstShard() {
		return shards("kpl-1.1.1").get("shardId-000000000000");
	}

	/**
	 * The event JSON, byte for byte what the Lambda runtime hands to the handler's input
	 * stream.
	 */
	public static byte[] event(List<KinesisRecord> records) {
		List<Map<String, Object>> json = new ArrayList<>();
		for (KinesisRecord record : records) {
			Map<String, Object> kinesis = new LinkedHashMap<>();
			kinesis.put("kinesisSchemaVersion", "1.0");
			kinesis.put("partitionKey", record.partitionKey());
			kinesis.put("sequenceNumber", record.sequenceNumber());
			kinesis.put("data", Base64.getEncoder().encodeToString(record.data()));
			kinesis.put("approximateArrivalTimestamp", BigDecimal.valueOf(record.arrival().toEpochMilli(), 3));
			Map<String, Object> eventRecord = new LinkedHashMap<>();
			eventRecord.put("kinesis", kinesis);
			eventRecord.put("eventSource", "aws:kinesis");
			eventRecord.put("eventVersion", "1.0");
			eventRecord.put("eventID", record.shardId() + ":" + record.sequenceNumber());
			eventRecord.put("eventName", "aws:kinesis:record");
			eventRecord.put("invokeIdentityArn", "arn:aws:iam::123456789012:role/lambda-kinesis-role");
			eventRecord.put("awsRegion", "eu-west-1");
			eventRecord.put("eventSourceARN", STREAM_ARN);
			json.add(eventRecord);
		}
		return JSON.writeValueAsBytes(Map.of("Records", json));
	}

	private static JsonNode index(String producer) {
		return JSON.readTree(resource("/kpl/" + producer + "-index.json"));
	}

	private static byte[] resource(String name) {
		try (InputStream in = LambdaEvents.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException(name + " is not on the test classpath");
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * One Kinesis record of an event; {@code userRecords} is what deaggregating it must
	 * give.
	 */
	public record KinesisRecord(String shardId, String sequenceNumber, String partitionKey, Instant arrival,
			byte[] data, boolean aggregated, List<Expected> userRecords) {

		public KinesisRecord withData(byte[] otherData) {
			return new KinesisRecord(this.shardId, this.sequenceNumber, this.partitionKey, this.arrival, otherData,
					this.aggregated, this.userRecords);
		}
	}

	public record Expected(long subSequenceNumber, String partitionKey, String explicitHashKey, byte[] data) {
	}

}
