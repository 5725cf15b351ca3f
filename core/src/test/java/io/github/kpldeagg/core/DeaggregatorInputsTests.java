package io.github.kpldeagg.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.RandomAccess;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.Record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each kind of input yields the same user records, with what that input knows about them.
 */
class DeaggregatorInputsTests {

	private static final Instant ARRIVAL = Instant.parse("2026-11-25T22:09:13.901Z");

	private static final byte[] AGGREGATE = new ProtobufBytes().string(1, "k1")
		.string(1, "k2")
		.string(2, "99")
		.message(3, ProtobufBytes.userRecord(0, null, "one"))
		.message(3, ProtobufBytes.userRecord(1, 0L, "two"))
		.framed();

	private static final byte[] PLAIN = "plain".getBytes(StandardCharsets.UTF_8);

	private final RecordingListener listener = new RecordingListener();

	private final Deaggregator deaggregator = Deaggregator.builder().listener(this.listener).build();

	@Test
	void sdkRecordsInBulk() {
		List<UserRecord> userRecords = this.deaggregator.deaggregate(
				List.of(sdkRecord(PLAIN, "pk", "1"), sdkRecord(AGGREGATE, "a", "2"), sdkRecord(PLAIN, "other", "3")));

		assertThat(userRecords).extracting(UserRecord::sequenceNumber).containsExactly("1", "2", "2", "3");
		assertThat(userRecords).extracting(UserRecord::partitionKey).containsExactly("pk", "k1", "k2", "other");
		assertThat(userRecords).extracting(UserRecord::subSequenceNumber).containsExactly(0L, 0L, 1L, 0L);
		assertThat(userRecords).extracting(UserRecord::aggregated).containsExactly(false, true, true, false);
		assertThat(userRecords)
			.allSatisfy((record) -> assertThat(record.approximateArrivalTimestamp()).contains(ARRIVAL));
		assertThat(text(userRecords.get(2))).isEqualTo("two");
		assertThat(userRecords.get(2).explicitHashKey()).contains("99");
	}

	@Test
	void sdkRecordsLazilyOneKinesisRecordAtATime() {
		List<Record> records = List.of(sdkRecord(AGGREGATE, "a", "1"), sdkRecord(PLAIN, "pk", "2"),
				sdkRecord(AGGREGATE, "a", "3"));

		Iterator<UserRecord> userRecords = this.deaggregator.stream(records).iterator();
		assertThat(this.listener.events).isEmpty();
		assertThat(userRecords.next().sequenceNumber()).isEqualTo("1");
		assertThat(this.listener.events).containsExactly("aggregate 1 2 0");
		assertThat(userRecords.next().sequenceNumber()).isEqualTo("1");
		assertThat(this.listener.events).hasSize(1);
		assertThat(userRecords.next().sequenceNumber()).isEqualTo("2");
		assertThat(this.listener.events).containsExactly("aggregate 1 2 0", "plain 2");

		assertThat(this.deaggregator.stream(records).toList()).isEqualTo(this.deaggregator.deaggregate(records));
	}

	@Test
	void sdkRecordAloneIsALazyUnmodifiableRandomAccessView() {
		List<UserRecord> userRecords = this.deaggregator.deaggregate(sdkRecord(AGGREGATE, "a", "2"));

		assertThat(this.listener.events).as("told before any user record is read").containsExactly("aggregate 2 2 0");
		assertThat(userRecords).isInstanceOf(RandomAccess.class)
			.isEqualTo(this.deaggregator.deaggregate(List.of(sdkRecord(AGGREGATE, "a", "2"))))
			.extracting(UserRecord::partitionKey)
			.containsExactly("k1", "k2");
		assertThat(userRecords.get(1)).as("created when read")
			.isEqualTo(userRecords.get(1))
			.isNotSameAs(userRecords.get(1));
		assertThatThrownBy(() -> userRecords.get(2)).isInstanceOf(IndexOutOfBoundsException.class);
		assertThatThrownBy(() -> userRecords.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
		UserRecord first = userRecords.get(0);
		assertThatThrownBy(() -> userRecords.add(first)).isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> userRecords.set(0, first)).isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> userRecords.remove(0)).isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(userRecords::clear).isInstanceOf(UnsupportedOperationException.class);

		assertThat(this.deaggregator.deaggregate(sdkRecord(PLAIN, "pk", "3"))).singleElement()
			.satisfies((only) -> assertThat(text(only)).isEqualTo("plain"));
		assertThat(this.listener.events).containsExactly("aggregate 2 2 0", "aggregate 2 2 0", "plain 3");
	}

	@Test
	void sdkRecordWithoutDataIsAnEmptyPlainRecord() {
		Record noData = Record.builder().partitionKey("pk").sequenceNumber("1").build();

		assertThat(this.deaggregator.deaggregate(List.of(noData))).singleElement()
			.satisfies((only) -> assertThat(only.dataLength()).isZero());
	}

	@Test
	void heapBufferSliceIsReadFromItsPositionWithoutCopyOrSideEffects() {
		byte[] padded = new byte[AGGREGATE.length + 10];
		System.arraycopy(AGGREGATE, 0, padded, 7, AGGREGATE.length);
		ByteBuffer buffer = ByteBuffer.wrap(padded, 3, AGGREGATE.length + 6)
			.slice()
			.position(4)
			.limit(4 + AGGREGATE.length);

		List<UserRecord> userRecords = this.deaggregator.deaggregate(buffer, "a", "1");

		assertThat(userRecords).extracting(DeaggregatorInputsTests::text).containsExactly("one", "two");
		assertThat(buffer.position()).isEqualTo(4);
		assertThat(buffer.limit()).isEqualTo(4 + AGGREGATE.length);
		padded[padded.length - 3 - 16 - 3] = 'T';
		assertThat(text(userRecords.get(1))).as("a view of the caller's array").isEqualTo("Two");
	}

	@Test
	void directAndReadOnlyBuffersAreReadWithoutSideEffects() {
		ByteBuffer direct = ByteBuffer.allocateDirect(AGGREGATE.length + 2).position(2);
		direct.put(AGGREGATE).position(2);
		ByteBuffer readOnly = ByteBuffer.wrap(AGGREGATE).asReadOnlyBuffer();

		for (ByteBuffer buffer : List.of(direct, readOnly, direct.asReadOnlyBuffer().position(2))) {
			int position = buffer.position();
			List<UserRecord> userRecords = this.deaggregator.deaggregate(buffer, "a", null, "1", ARRIVAL);

			assertThat(userRecords).extracting(DeaggregatorInputsTests::text).containsExactly("one", "two");
			assertThat(userRecords).allSatisfy((record) -> {
				assertThat(record.aggregated()).isTrue();
				assertThat(record.approximateArrivalTimestamp()).contains(ARRIVAL);
			});
			assertThat(buffer.position()).isEqualTo(position);
		}
	}

	@Test
	void lambdaEventKeepsTheEventMetadataAndTheArrivalTime() {
		KinesisEvent event = new KinesisEvent();
		event.setRecords(List.of(eventRecord(AGGREGATE, "a", "1"), eventRecord(PLAIN, "pk", "2")));

		List<KinesisEventUserRecord> userRecords = this.deaggregator.deaggregateEvent(event);

		assertThat(userRecords).extracting(KinesisEventUserRecord::userRecord)
			.extracting(DeaggregatorInputsTests::text)
			.containsExactly("one", "two", "plain");
		assertThat(userRecords).extracting(KinesisEventUserRecord::eventId)
			.containsExactly("shardId-000000000000:1", "shardId-000000000000:1", "shardId-000000000000:2");
		assertThat(userRecords).allSatisfy((record) -> {
			assertThat(record.eventSourceArn()).isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/s");
			assertThat(record.awsRegion()).isEqualTo("us-east-1");
			assertThat(record.eventName()).isEqualTo("aws:kinesis:record");
			assertThat(record.eventSource()).isEqualTo("aws:kinesis");
			assertThat(record.eventVersion()).isEqualTo("1.0");
			assertThat(record.invokeIdentityArn()).isEqualTo("arn:aws:iam::000000000000:role/r");
			assertThat(record.kinesisSchemaVersion()).isEqualTo("1.0");
			assertThat(record.userRecord().approximateArrivalTimestamp()).contains(ARRIVAL);
		});
		assertThat(userRecords.get(1).userRecord().partitionKey()).isEqualTo("k2");
		assertThat(userRecords.get(1).userRecord().subSequenceNumber()).isEqualTo(1);
		assertThat(this.deaggregator.streamEvent(event).toList()).isEqualTo(userRecords);
	}

	private static Record sdkRecord(byte[] data, String partitionKey, String sequenceNumber) {
		return Record.builder()
			.data(SdkBytes.fromByteArray(data))
			.partitionKey(partitionKey)
			.sequenceNumber(sequenceNumber)
			.approximateArrivalTimestamp(ARRIVAL)
			.build();
	}

	private static KinesisEvent.KinesisEventRecord eventRecord(byte[] data, String partitionKey,
			String sequenceNumber) {
		KinesisEvent.Record kinesis = new KinesisEvent.Record();
		kinesis.setData(ByteBuffer.wrap(data));
		kinesis.setPartitionKey(partitionKey);
		kinesis.setSequenceNumber(sequenceNumber);
		kinesis.setApproximateArrivalTimestamp(Date.from(ARRIVAL));
		kinesis.setKinesisSchemaVersion("1.0");
		KinesisEvent.KinesisEventRecord eventRecord = new KinesisEvent.KinesisEventRecord();
		eventRecord.setKinesis(kinesis);
		eventRecord.setEventSourceARN("arn:aws:kinesis:us-east-1:000000000000:stream/s");
		eventRecord.setAwsRegion("us-east-1");
		eventRecord.setEventID("shardId-000000000000:" + sequenceNumber);
		eventRecord.setEventName("aws:kinesis:record");
		eventRecord.setEventSource("aws:kinesis");
		eventRecord.setEventVersion("1.0");
		eventRecord.setInvokeIdentityArn("arn:aws:iam::000000000000:role/r");
		return eventRecord;
	}

	private static String text(UserRecord userRecord) {
		return new String(userRecord.bytes(), StandardCharsets.UTF_8);
	}

}
