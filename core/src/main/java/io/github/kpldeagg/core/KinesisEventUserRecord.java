package io.github.kpldeagg.core;

import java.time.Instant;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import org.jspecify.annotations.Nullable;

/**
 * A user record from an AWS Lambda {@code KinesisEvent}, with the event record's
 * metadata, as the {@code aws_kpl_deagg} module kept it, plus the arrival time. Lambda
 * sets all of the metadata; each part is null when an event built another way lacks it.
 *
 * @param userRecord the user record
 * @param eventSourceArn the stream's ARN
 * @param awsRegion the stream's region
 * @param eventId the event ID ({@code shardId-...:sequenceNumber}) of the carrying record
 * @param eventName the event name, {@code aws:kinesis:record}
 * @param eventSource the event source, {@code aws:kinesis}
 * @param eventVersion the event version
 * @param invokeIdentityArn the ARN of the identity that invoked the function
 * @param kinesisSchemaVersion the Kinesis schema version
 * @author The kpl-deagg maintainers
 */
public record KinesisEventUserRecord(UserRecord userRecord, @Nullable String eventSourceArn, @Nullable String awsRegion,
		@Nullable String eventId, @Nullable String eventName, @Nullable String eventSource,
		@Nullable String eventVersion, @Nullable String invokeIdentityArn, @Nullable String kinesisSchemaVersion) {

	static Deaggregator.Input input(KinesisEvent.KinesisEventRecord eventRecord) {
		KinesisEvent.Record record = eventRecord.getKinesis();
		@Nullable Instant arrival = (record.getApproximateArrivalTimestamp() == null) ? null
				: record.getApproximateArrivalTimestamp().toInstant();
		return Deaggregator.Input.of(record.getData(), record.getPartitionKey(), null, record.getSequenceNumber(),
				arrival);
	}

	static KinesisEventUserRecord of(UserRecord userRecord, KinesisEvent.KinesisEventRecord eventRecord) {
		return new KinesisEventUserRecord(userRecord, eventRecord.getEventSourceARN(), eventRecord.getAwsRegion(),
				eventRecord.getEventID(), eventRecord.getEventName(), eventRecord.getEventSource(),
				eventRecord.getEventVersion(), eventRecord.getInvokeIdentityArn(),
				eventRecord.getKinesis().getKinesisSchemaVersion());
	}
}
