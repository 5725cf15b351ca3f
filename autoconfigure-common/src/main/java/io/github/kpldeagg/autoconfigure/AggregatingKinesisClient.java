package io.github.kpldeagg.autoconfigure;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.github.kpldeagg.producer.AggregatingProducer;
import io.github.kpldeagg.producer.UserRecordResult;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * The Kinesis client a producer binding's handler puts with when the binding writes
 * through an {@link AggregatingProducer}: each record the handler would put becomes a
 * user record of the producer, and the response names where it was put (the shard and the
 * sequence number of the Kinesis record that carries it). Everything else the handler
 * does (conversion, embedded headers, keys, sync or async, errors) stays the binder's.
 * Only {@code putRecord} and {@code putRecords} are served; every other operation throws
 * {@link UnsupportedOperationException}. {@code SequenceNumberForOrdering} is ignored, as
 * the KPL ignores it.
 * <p>
 * The binder offers no way to give a handler this client: see
 * docs/upstream/kinesis-producer-client-per-binding.md.
 *
 * @author The kpl-deagg maintainers
 */
final class AggregatingKinesisClient implements KinesisAsyncClient {

	private final AggregatingProducer producer;

	AggregatingKinesisClient(AggregatingProducer producer) {
		this.producer = producer;
	}

	@Override
	public CompletableFuture<PutRecordResponse> putRecord(PutRecordRequest request) {
		return add(request.streamName(), request.partitionKey(), request.explicitHashKey(),
				request.data().asByteArrayUnsafe())
			.thenApply((result) -> PutRecordResponse.builder()
				.shardId(result.shardId())
				.sequenceNumber(result.sequenceNumber())
				.build());
	}

	/**
	 * Adds each entry; completes when all did, each entry failed or put as the producer
	 * says, as PutRecords reports its entries.
	 */
	@Override
	public CompletableFuture<PutRecordsResponse> putRecords(PutRecordsRequest request) {
		List<CompletableFuture<PutRecordsResultEntry>> entries = request.records()
			.stream()
			.map((entry) -> resultEntry(request.streamName(), entry))
			.toList();
		return CompletableFuture.allOf(entries.toArray(CompletableFuture[]::new)).thenApply((all) -> {
			List<PutRecordsResultEntry> results = entries.stream().map(CompletableFuture::join).toList();
			int failed = (int) results.stream().filter((result) -> result.errorCode() != null).count();
			return PutRecordsResponse.builder().records(results).failedRecordCount(failed).build();
		});
	}

	private CompletableFuture<PutRecordsResultEntry> resultEntry(String stream, PutRecordsRequestEntry entry) {
		return add(stream, entry.partitionKey(), entry.explicitHashKey(), entry.data().asByteArrayUnsafe())
			.handle((result, failure) -> (failure != null)
					? PutRecordsResultEntry.builder()
						.errorCode(cause(failure).getClass().getSimpleName())
						.errorMessage(cause(failure).getMessage())
						.build()
					: PutRecordsResultEntry.builder()
						.shardId(result.shardId())
						.sequenceNumber(result.sequenceNumber())
						.build());
	}

	/**
	 * Refusals (an invalid key, a record too large, a closed producer) fail the future,
	 * as a refusal by Kinesis would.
	 * @param stream the stream
	 * @param partitionKey the partition key
	 * @param explicitHashKey the explicit hash key
	 * @param data the data
	 * @return the response, once the producer put every entry; refusals (an invalid key,
	 * a record too large, a closed producer) fail the future, as a refusal by Kinesis
	 * would
	 */
	private CompletableFuture<UserRecordResult> add(String stream, String partitionKey,
			@Nullable String explicitHashKey, byte[] data) {
		try {
			return this.producer.addUserRecord(stream, partitionKey, explicitHashKey, data);
		}
		catch (RuntimeException refused) {
			return CompletableFuture.failedFuture(refused);
		}
	}

	private static Throwable cause(Throwable failure) {
		return (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause() : failure;
	}

	@Override
	public String serviceName() {
		return SERVICE_NAME;
	}

	/** Leaves the producer open: the application closes it. */
	@Override
	public void close() {
	}

}
