package io.github.kpldeagg.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent.KinesisEventRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;

/**
 * Runs a Lambda function's work once per user record of a {@code KinesisEvent} and
 * answers with the partial batch response Lambda expects from an event source mapping
 * with {@code FunctionResponseTypes: [ReportBatchItemFailures]}.
 *
 * <pre>{@code
 * public class Handler implements RequestHandler<KinesisEvent, StreamsEventResponse> {
 *     private final KinesisEventProcessor processor = KinesisEventProcessor.create();
 *
 *     public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
 *         return processor.process(event, record -> save(record.userRecord()));
 *     }
 * }
 * }</pre>
 *
 * <h2>The failure contract</h2> User records are handled one at a time, in the order of
 * the event. When the handler throws on user record <i>j</i> of Kinesis record <i>A</i>,
 * or <i>A</i> is a corrupt aggregate under {@link CorruptAggregatePolicy#FAIL},
 * processing stops: nothing after it is handled, and the response names <i>A</i>'s
 * sequence number alone. Lambda then counts the records before <i>A</i> as done and
 * retries from <i>A</i>, so user records 0..<i>j</i>-1 of <i>A</i> arrive a second time.
 * To drop those repeats, remember per stream
 * ({@link KinesisEventUserRecord#eventSourceArn()}) and shard (the part of
 * {@link KinesisEventUserRecord#eventId()} before the colon) the last
 * ({@link UserRecord#sequenceNumber()}, {@link UserRecord#subSequenceNumber()}) done, and
 * skip user records at or before it; or make the work idempotent on those four values.
 * <p>
 * The response never carries an empty or null identifier (Lambda would fail the whole
 * batch): an event whose records lack a sequence number, data or partition key is
 * rejected with an {@link IllegalArgumentException} before anything is handled. An
 * {@link Error} from the handler is not a record's failure and propagates, so Lambda
 * retries the whole batch.
 * <p>
 * Instances are immutable and thread-safe.
 *
 * @author The kpl-deagg maintainers
 */
public final class KinesisEventProcessor {

	private final Deaggregator deaggregator;

	private final FailureListener failureListener;

	private KinesisEventProcessor(Deaggregator deaggregator, FailureListener failureListener) {
		this.deaggregator = deaggregator;
		this.failureListener = failureListener;
	}

	/**
	 * Returns a processor with {@link Deaggregator#create()}: corrupt aggregates pass
	 * through as one record.
	 * @return a processor with {@link Deaggregator#create()}: corrupt aggregates pass
	 * through as one record
	 */
	public static KinesisEventProcessor create() {
		return of(Deaggregator.create());
	}

	/**
	 * Returns a processor that deaggregates with the given deaggregator.
	 * @param deaggregator its corrupt-aggregate policy decides whether a corrupt
	 * aggregate fails its record; a {@link CorruptAggregatePolicy#FAIL FAIL} is reported
	 * as that record's failure
	 * @return a processor that deaggregates with the given deaggregator
	 */
	public static KinesisEventProcessor of(Deaggregator deaggregator) {
		return new KinesisEventProcessor(Objects.requireNonNull(deaggregator, "deaggregator"), FailureListener.NONE);
	}

	/**
	 * Returns a copy of this processor that also tells the listener why a Kinesis record
	 * is reported as failed, after the listeners this one has.
	 * @param listener for logging or metrics; it must not throw
	 * @return a copy of this processor that also tells the listener why a Kinesis record
	 * is reported as failed, after the listeners this one has
	 */
	public KinesisEventProcessor onFailure(FailureListener listener) {
		Objects.requireNonNull(listener, "listener");
		FailureListener before = this.failureListener;
		return new KinesisEventProcessor(this.deaggregator,
				(before == FailureListener.NONE) ? listener : (eventRecord, cause) -> {
					before.failed(eventRecord, cause);
					listener.failed(eventRecord, cause);
				});
	}

	/**
	 * Hands each user record of the event to the handler, in order, until one fails.
	 * @param event the event, as Lambda passes it to a {@code RequestHandler}
	 * @param handler the work for one user record
	 * @return no batch item failures when every user record was handled, else exactly
	 * one: the sequence number of the Kinesis record whose user record (or aggregate)
	 * failed
	 * @throws IllegalArgumentException if a record of the event lacks its sequence
	 * number, data or partition key; nothing has been handled then
	 */
	public StreamsEventResponse process(KinesisEvent event, UserRecordHandler handler) {
		Objects.requireNonNull(handler, "handler");
		for (KinesisEventRecord eventRecord : wellFormedRecords(event)) {
			List<UserRecord> userRecords;
			try {
				userRecords = this.deaggregator.decode(KinesisEventUserRecord.input(eventRecord));
			}
			catch (CorruptAggregateException ex) {
				return failed(eventRecord, ex);
			}
			for (UserRecord userRecord : userRecords) {
				try {
					handler.handle(KinesisEventUserRecord.of(userRecord, eventRecord));
				}
				catch (Exception ex) {
					return failed(eventRecord, ex);
				}
			}
		}
		return new StreamsEventResponse(new ArrayList<>());
	}

	private StreamsEventResponse failed(KinesisEventRecord eventRecord, Exception cause) {
		this.failureListener.failed(eventRecord, cause);
		List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
		failures.add(new StreamsEventResponse.BatchItemFailure(eventRecord.getKinesis().getSequenceNumber()));
		return new StreamsEventResponse(failures);
	}

	/**
	 * The event's records, checked up front so that a failure can always be reported by
	 * sequence number.
	 * @param event the event
	 * @return the event's records, checked up front so that a failure can always be
	 * reported by sequence number
	 */
	private static List<KinesisEventRecord> wellFormedRecords(KinesisEvent event) {
		Objects.requireNonNull(event, "event");
		List<KinesisEventRecord> records = event.getRecords();
		if (records == null) {
			throw new IllegalArgumentException("Malformed Kinesis event: no Records");
		}
		for (int i = 0; i < records.size(); i++) {
			KinesisEventRecord eventRecord = records.get(i);
			KinesisEvent.Record kinesis = (eventRecord != null) ? eventRecord.getKinesis() : null;
			String where = "Malformed Kinesis event: Records[" + i + "]";
			if (kinesis == null) {
				throw new IllegalArgumentException(where + " has no kinesis");
			}
			if (kinesis.getSequenceNumber() == null || kinesis.getSequenceNumber().isEmpty()) {
				throw new IllegalArgumentException(where + ".kinesis has no sequenceNumber");
			}
			if (kinesis.getData() == null) {
				throw new IllegalArgumentException(where + ".kinesis has no data");
			}
			if (kinesis.getPartitionKey() == null) {
				throw new IllegalArgumentException(where + ".kinesis has no partitionKey");
			}
		}
		return records;
	}

	/** The work for one user record; throwing fails it and stops the batch there. */
	@FunctionalInterface
	public interface UserRecordHandler {

		/**
		 * Does the work for one user record.
		 * @param userRecord the user record with its event record's metadata
		 * @throws Exception to report the user record's Kinesis record as failed
		 */
		void handle(KinesisEventUserRecord userRecord) throws Exception;

	}

	/**
	 * Told which Kinesis record is reported as failed and why, before the response is
	 * returned.
	 */
	@FunctionalInterface
	public interface FailureListener {

		/** A listener that ignores failures. */
		FailureListener NONE = (eventRecord, cause) -> {
		};

		/**
		 * Called once for the failed Kinesis record.
		 * @param eventRecord the Kinesis record whose sequence number is reported
		 * @param cause the handler's exception, or a {@link CorruptAggregateException}
		 * under {@link CorruptAggregatePolicy#FAIL}
		 */
		void failed(KinesisEventRecord eventRecord, Exception cause);

	}

}
