package io.github.kpldeagg.lambda;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent.KinesisEventRecord;
import org.jspecify.annotations.Nullable;

/**
 * Reads the Kinesis event Lambda sends, already parsed into maps and lists, the way
 * Lambda writes it: {@code Records[].kinesis.data} in base64 and
 * {@code approximateArrivalTimestamp} in epoch seconds. Done here rather than with
 * aws-lambda-java-serialization to keep that jar out of the deployment.
 *
 * @author The kpl-deagg maintainers
 */
final class KinesisEventJson {

	private KinesisEventJson() {
	}

	/**
	 * Whether the JSON is a Kinesis event: {@code Records} empty, or holding records from
	 * Kinesis.
	 * @param json the json
	 * @return whether the JSON is a Kinesis event
	 */
	static boolean isKinesisEvent(@Nullable Object json) {
		if (!(json instanceof Map<?, ?> event) || !(event.get("Records") instanceof List<?> records)) {
			return false;
		}
		return records.isEmpty() || records.stream()
			.anyMatch((record) -> record instanceof Map<?, ?> fields
					&& ("aws:kinesis".equals(fields.get("eventSource")) || fields.get("kinesis") instanceof Map));
	}

	/**
	 * The event, field by field.
	 * @param json the json
	 * @return the event, field by field
	 * @throws IllegalArgumentException naming the first field that is missing or of the
	 * wrong type
	 */
	static KinesisEvent read(Map<?, ?> json) {
		if (!(json.get("Records") instanceof List<?> records)) {
			throw new IllegalArgumentException("Malformed Kinesis event: no Records");
		}
		List<KinesisEventRecord> eventRecords = new ArrayList<>(records.size());
		for (int i = 0; i < records.size(); i++) {
			eventRecords.add(record(records.get(i), "Records[" + i + "]"));
		}
		KinesisEvent event = new KinesisEvent();
		event.setRecords(eventRecords);
		return event;
	}

	private static KinesisEventRecord record(@Nullable Object json, String path) {
		Map<?, ?> fields = object(json, path);
		Map<?, ?> kinesisFields = object(fields.get("kinesis"), path + ".kinesis");
		KinesisEvent.Record kinesis = new KinesisEvent.Record();
		kinesis.setData(ByteBuffer.wrap(base64(kinesisFields.get("data"), path + ".kinesis.data")));
		kinesis.setPartitionKey(text(kinesisFields, "partitionKey", path + ".kinesis"));
		kinesis.setSequenceNumber(text(kinesisFields, "sequenceNumber", path + ".kinesis"));
		kinesis.setApproximateArrivalTimestamp(epochSeconds(kinesisFields.get("approximateArrivalTimestamp"),
				path + ".kinesis.approximateArrivalTimestamp"));
		kinesis.setKinesisSchemaVersion(text(kinesisFields, "kinesisSchemaVersion", path + ".kinesis"));
		kinesis.setEncryptionType(text(kinesisFields, "encryptionType", path + ".kinesis"));
		KinesisEventRecord record = new KinesisEventRecord();
		record.setKinesis(kinesis);
		record.setEventSource(text(fields, "eventSource", path));
		record.setEventSourceARN(text(fields, "eventSourceARN", path));
		record.setEventID(text(fields, "eventID", path));
		record.setEventName(text(fields, "eventName", path));
		record.setEventVersion(text(fields, "eventVersion", path));
		record.setAwsRegion(text(fields, "awsRegion", path));
		record.setInvokeIdentityArn(text(fields, "invokeIdentityArn", path));
		return record;
	}

	private static Map<?, ?> object(@Nullable Object json, String path) {
		if (!(json instanceof Map<?, ?> map)) {
			throw malformed(path + " is " + describe(json) + ", not an object");
		}
		return map;
	}

	private static @Nullable String text(Map<?, ?> fields, String name, String path) {
		Object value = fields.get(name);
		if (value != null && !(value instanceof String)) {
			throw malformed(path + "." + name + " is " + describe(value) + ", not a string");
		}
		return (String) value;
	}

	private static byte[] base64(@Nullable Object value, String path) {
		if (!(value instanceof String text)) {
			throw malformed(path + " is " + describe(value) + ", not a base64 string");
		}
		try {
			return Base64.getDecoder().decode(text);
		}
		catch (IllegalArgumentException ex) {
			throw malformed(path + " is not base64: " + ex.getMessage());
		}
	}

	/**
	 * Lambda writes epoch seconds with a fraction, such as 1764108553.901.
	 * @param value the value
	 * @param path the path
	 * @return the time, from the epoch seconds with a fraction Lambda writes (such as
	 * 1764108553.901), or null
	 */
	private static @Nullable Date epochSeconds(@Nullable Object value, String path) {
		if (value == null) {
			return null;
		}
		if (!(value instanceof Number seconds)) {
			throw malformed(path + " is " + describe(value) + ", not a number");
		}
		return new Date(new BigDecimal(seconds.toString()).movePointRight(3).longValue());
	}

	private static String describe(@Nullable Object value) {
		return (value != null) ? value.getClass().getSimpleName() : "missing";
	}

	private static IllegalArgumentException malformed(String detail) {
		return new IllegalArgumentException("Malformed Kinesis event: " + detail);
	}

}
