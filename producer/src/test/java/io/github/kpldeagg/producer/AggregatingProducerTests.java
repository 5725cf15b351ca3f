package io.github.kpldeagg.producer;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.github.kpldeagg.core.Deaggregator;
import io.github.kpldeagg.core.UserRecord;
import io.github.kpldeagg.producer.StreamContents.Identity;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/** The producer against kinesis-local. */
class AggregatingProducerTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final String THROTTLED = "ProvisionedThroughputExceededException";

	private static LocalKinesis kinesis;

	@BeforeAll
	static void startKinesis() {
		kinesis = LocalKinesis.start();
	}

	@AfterAll
	static void stopKinesis() {
		kinesis.close();
	}

	@Test
	void userRecordsReadBackByteExactUnderTheIdentitiesTheirResultsName() {
		String stream = kinesis.createStream("round-trip", 2);
		Random random = new Random(18);
		List<Sent> sent = new ArrayList<>();
		// kinesis-local on a busy machine can take longer than the default 6 s for a 5
		// MiB
		// request; a timed-out request it wrote anyway is retried, and read back twice.
		ProducerConfiguration configuration = ProducerConfiguration.builder()
			.requestTimeout(Duration.ofMinutes(1))
			.build();
		try (AggregatingProducer producer = AggregatingProducer.create(kinesis.asyncClient(), configuration)) {
			for (int i = 0; i < 3_000; i++) {
				byte[] data = new byte[random.nextInt(3_000)];
				random.nextBytes(data);
				String partitionKey = "user-" + random.nextInt(500) + "-\u00e9";
				String explicitHashKey = (i % 10 == 0) ? new BigInteger(128, random).toString() : null;
				sent.add(new Sent(partitionKey, explicitHashKey, data,
						producer.addUserRecord(stream, partitionKey, explicitHashKey, ByteBuffer.wrap(data))));
			}
		}
		StreamContents contents = StreamContents.read(kinesis.client(), stream);
		Map<Identity, UserRecord> read = contents.core();

		assertThat(sent).allSatisfy((userRecord) -> assertThat(userRecord.future.join().attempts()).as("attempts")
			.singleElement()
			.satisfies((attempt) -> assertThat(attempt.successful()).isTrue()));
		assertThat(read).hasSameSizeAs(sent);
		assertThat(contents.kinesisRecords()).as("Kinesis records for 3,000 user records").isLessThan(300);
		for (Sent userRecord : sent) {
			UserRecordResult result = userRecord.future.join();
			UserRecord readBack = read.get(Identity.of(result));
			assertThat(readBack).as("user record at %s", result).isNotNull();
			assertThat(readBack.bytes()).isEqualTo(userRecord.data);
			assertThat(readBack.partitionKey()).isEqualTo(userRecord.partitionKey);
			assertThat(readBack.aggregated()).isEqualTo(result.aggregated());
			if (result.aggregated()) {
				assertThat(readBack.explicitHashKey().orElse(null)).isEqualTo(userRecord.explicitHashKey);
			}
			assertThat(result.attempts()).singleElement()
				.satisfies((attempt) -> assertThat(attempt.successful()).isTrue());
		}
		assertThat(contents.kcl()).as("KCL's AggregatorUtil with each shard's range").hasSameSizeAs(sent);
	}

	@Test
	void requestsAggregatesAndRecordsStayWithinTheConfiguredLimits() {
		String stream = kinesis.createStream("limits", 2);
		InterceptingKinesis client = new InterceptingKinesis(kinesis.asyncClient());
		ProducerConfiguration configuration = ProducerConfiguration.builder()
			.aggregationMaxCount(7)
			.aggregationMaxSize(1_000)
			.collectionMaxCount(5)
			.collectionMaxSize(20_000)
			.maxRecordSize(8 * 1024)
			.build();
		Random random = new Random(5);
		List<CompletableFuture<UserRecordResult>> results = new ArrayList<>();
		try (AggregatingProducer producer = AggregatingProducer.create(client, configuration)) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> producer.addUserRecord(stream, "key", new byte[8 * 1024 - 2]))
				.withMessageContaining("maxRecordSize");
			for (int i = 0; i < 1_000; i++) {
				byte[] data = new byte[(i % 50 == 0) ? 6_000 + random.nextInt(2_000) : random.nextInt(300)];
				results.add(producer.addUserRecord(stream, "key-" + i, data));
			}
		}
		assertThat(results).allSatisfy((result) -> assertThat(result).isCompleted());
		assertThat(client.putRecordsRequests).isNotEmpty().allSatisfy((request) -> {
			assertThat(request.records()).hasSizeBetween(1, 5);
			int bytes = request.records().stream().mapToInt(AggregatingProducerTests::size).sum();
			if (request.records().size() > 1) {
				assertThat(bytes).isLessThanOrEqualTo(20_000);
			}
			for (PutRecordsRequestEntry entry : request.records()) {
				assertThat(size(entry)).isLessThanOrEqualTo(8 * 1024);
				List<UserRecord> userRecords = Deaggregator.create()
					.deaggregate(entry.data().asByteBuffer(), entry.partitionKey(), "0");
				if (userRecords.get(0).aggregated()) {
					assertThat(entry.data().asByteArrayUnsafe().length).isLessThanOrEqualTo(1_000);
					assertThat(userRecords).hasSizeBetween(2, 7);
				}
			}
		});
	}

	@Test
	void onlyTheFailedEntriesAreRetriedAndTheirAttemptsSayWhy() {
		String stream = kinesis.createStream("retries", 2);
		InterceptingKinesis client = new InterceptingKinesis(kinesis.asyncClient());
		AtomicBoolean failedOnce = new AtomicBoolean();
		client.answerPutRecords((request, delegate) -> failedOnce.compareAndSet(false, true)
				? failEvenEntries(request, delegate) : delegate.putRecords(request));
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		ProducerConfiguration configuration = ProducerConfiguration.builder()
			.aggregationMaxCount(5)
			.recordMaxBufferedTime(Duration.ofHours(1))
			.metrics(new MicrometerProducerMetrics(registry))
			.build();
		List<CompletableFuture<UserRecordResult>> results = new ArrayList<>();
		try (AggregatingProducer producer = AggregatingProducer.create(client, configuration)) {
			for (int i = 0; i < 60; i++) {
				results.add(producer.addUserRecord(stream, "key-" + i, ("record " + i).getBytes()));
			}
			producer.flush();
			await().atMost(TIMEOUT).until(() -> results.stream().allMatch(CompletableFuture::isDone));
		}
		List<PutRecordsRequestEntry> first = client.putRecordsRequests.get(0).records();
		List<PutRecordsRequestEntry> failed = new ArrayList<>();
		for (int i = 0; i < first.size(); i += 2) {
			failed.add(first.get(i));
		}
		assertThat(first).hasSizeGreaterThan(4);
		assertThat(client.putRecordsRequests.get(1).records()).as("the retry: the failed entries, byte for byte")
			.containsExactlyElementsOf(failed);
		assertThat(client.putRecordsRequests).hasSize(2);
		List<UserRecordResult> written = results.stream().map(CompletableFuture::join).toList();
		assertThat(written).filteredOn((result) -> result.attempts().size() == 2)
			.hasSize(failed.stream().mapToInt(AggregatingProducerTests::userRecords).sum())
			.allSatisfy((result) -> {
				assertThat(result.attempts().get(0).errorCode()).isEqualTo(THROTTLED);
				assertThat(result.attempts().get(1).successful()).isTrue();
			});
		assertThat(written).filteredOn((result) -> result.attempts().size() == 1)
			.hasSize(60 - written.stream().filter((result) -> result.attempts().size() == 2).toList().size());
		assertThat(registry.get(MicrometerProducerMetrics.RETRIES).tag("error", THROTTLED).counter().count())
			.isEqualTo(failed.size());
		assertThat(registry.get(MicrometerProducerMetrics.USER_RECORDS_PUT).counter().count()).isEqualTo(60);
		assertThat(registry.get(MicrometerProducerMetrics.KINESIS_RECORDS_PUT).counter().count())
			.isEqualTo(first.size());
	}

	@Test
	void aUserRecordNotPutWithinRecordTtlFailsWithRecordExpiredException() {
		String stream = kinesis.createStream("ttl", 1);
		InterceptingKinesis client = new InterceptingKinesis(kinesis.asyncClient());
		client.answerPutRecords((request, delegate) -> CompletableFuture.completedFuture(failAll(request)));
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		ProducerConfiguration configuration = ProducerConfiguration.builder()
			.recordTtl(Duration.ofMillis(500))
			.recordMaxBufferedTime(Duration.ofMillis(10))
			.metrics(new MicrometerProducerMetrics(registry))
			.build();
		List<CompletableFuture<UserRecordResult>> throttled = new ArrayList<>();
		CompletableFuture<UserRecordResult> noStream;
		try (AggregatingProducer producer = AggregatingProducer.create(client, configuration)) {
			for (int i = 0; i < 10; i++) {
				throttled.add(producer.addUserRecord(stream, "key-" + i, new byte[10]));
			}
			noStream = producer.addUserRecord("no-such-stream", "key", new byte[10]);
		}
		assertThat(throttled).allSatisfy((result) -> {
			RecordExpiredException expired = expiredOf(result);
			assertThat(expired.attempts()).hasSizeGreaterThan(1);
			assertThat(expired.attempts().subList(0, expired.attempts().size() - 1))
				.allSatisfy((attempt) -> assertThat(attempt.errorCode()).isEqualTo(THROTTLED));
			assertThat(expired.attempts().get(expired.attempts().size() - 1).errorCode()).isEqualTo(Attempt.EXPIRED);
		});
		assertThat(expiredOf(noStream).attempts()).as("never sent: no shard map")
			.extracting(Attempt::errorCode)
			.containsExactly(Attempt.EXPIRED);
		assertThat(registry.get(MicrometerProducerMetrics.EXPIRED).tag("stream", stream).counter().count())
			.isEqualTo(10);
	}

	@Test
	void flushSendsWhatIsBufferedAndCloseDrainsThenRefusesNewRecords() {
		String stream = kinesis.createStream("flush", 1);
		ProducerConfiguration configuration = ProducerConfiguration.builder()
			.recordMaxBufferedTime(Duration.ofHours(1))
			.build();
		AggregatingProducer producer = AggregatingProducer.create(kinesis.asyncClient(), configuration);
		List<CompletableFuture<UserRecordResult>> flushed = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			flushed.add(producer.addUserRecord(stream, "key-" + i, new byte[] { (byte) i }));
		}
		await().during(Duration.ofMillis(500)).until(() -> flushed.stream().noneMatch(CompletableFuture::isDone));
		producer.flush();
		await().atMost(TIMEOUT).until(() -> flushed.stream().allMatch(CompletableFuture::isDone));

		List<CompletableFuture<UserRecordResult>> drained = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			drained.add(producer.addUserRecord(stream, "key-" + i, new byte[] { (byte) i }));
		}
		producer.close();

		assertThat(drained).allSatisfy((result) -> assertThat(result).isCompleted());
		assertThat(producer.outstandingUserRecords()).isZero();
		assertThatIllegalStateException().isThrownBy(() -> producer.addUserRecord(stream, "late", new byte[1]));
		assertThat(StreamContents.read(kinesis.client(), stream).core()).hasSize(20);
	}

	@Test
	void beyondMaxOutstandingUserRecordsFailPolicyFailsTheNewRecordAtOnce() {
		String stream = kinesis.createStream("back-pressure-fail", 1);
		InterceptingKinesis client = new InterceptingKinesis(kinesis.asyncClient());
		CompletableFuture<Void> gate = new CompletableFuture<>();
		client.answerPutRecords((request, delegate) -> gate.thenCompose((open) -> delegate.putRecords(request)));
		ProducerConfiguration configuration = ProducerConfiguration.builder()
			.maxOutstandingUserRecords(5)
			.backPressure(BackPressure.FAIL)
			.build();
		try (AggregatingProducer producer = AggregatingProducer.create(client, configuration)) {
			List<CompletableFuture<UserRecordResult>> held = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				held.add(producer.addUserRecord(stream, "key-" + i, new byte[1]));
			}
			CompletableFuture<UserRecordResult> refused = producer.addUserRecord(stream, "sixth", new byte[1]);
			assertThat(refused).isCompletedExceptionally();
			assertThat(cause(refused)).isInstanceOf(OutstandingLimitException.class);
			gate.complete(null);
			await().atMost(TIMEOUT).until(() -> held.stream().allMatch(CompletableFuture::isDone));
			assertThat(producer.addUserRecord(stream, "after", new byte[1]).get(30, TimeUnit.SECONDS)).isNotNull();
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
	}

	@Test
	void beyondMaxOutstandingUserRecordsBlockPolicyBlocksTheCallerUntilOneCompletes() throws Exception {
		String stream = kinesis.createStream("back-pressure-block", 1);
		InterceptingKinesis client = new InterceptingKinesis(kinesis.asyncClient());
		CompletableFuture<Void> gate = new CompletableFuture<>();
		client.answerPutRecords((request, delegate) -> gate.thenCompose((open) -> delegate.putRecords(request)));
		ProducerConfiguration configuration = ProducerConfiguration.builder().maxOutstandingUserRecords(5).build();
		try (AggregatingProducer producer = AggregatingProducer.create(client, configuration)) {
			for (int i = 0; i < 5; i++) {
				producer.addUserRecord(stream, "key-" + i, new byte[1]);
			}
			AtomicReference<CompletableFuture<UserRecordResult>> sixth = new AtomicReference<>();
			Thread adder = new Thread(() -> sixth.set(producer.addUserRecord(stream, "sixth", new byte[1])));
			adder.start();
			await().atMost(TIMEOUT).until(() -> adder.getState() == Thread.State.WAITING);
			await().during(Duration.ofMillis(300)).until(() -> sixth.get() == null);
			gate.complete(null);
			adder.join(TIMEOUT.toMillis());
			assertThat(sixth.get().get(30, TimeUnit.SECONDS)).isNotNull();
		}
	}

	private static CompletableFuture<PutRecordsResponse> failEvenEntries(PutRecordsRequest request,
			software.amazon.awssdk.services.kinesis.KinesisAsyncClient delegate) {
		List<PutRecordsRequestEntry> odd = new ArrayList<>();
		for (int i = 1; i < request.records().size(); i += 2) {
			odd.add(request.records().get(i));
		}
		return delegate.putRecords(request.toBuilder().records(odd).build()).thenApply((forwarded) -> {
			List<PutRecordsResultEntry> results = new ArrayList<>();
			for (int i = 0; i < request.records().size(); i++) {
				results.add((i % 2 == 0) ? throttled() : forwarded.records().get(i / 2));
			}
			return PutRecordsResponse.builder().records(results).failedRecordCount(results.size() - odd.size()).build();
		});
	}

	private static PutRecordsResponse failAll(PutRecordsRequest request) {
		return PutRecordsResponse.builder()
			.records(request.records().stream().map((entry) -> throttled()).toList())
			.failedRecordCount(request.records().size())
			.build();
	}

	private static PutRecordsResultEntry throttled() {
		return PutRecordsResultEntry.builder().errorCode(THROTTLED).errorMessage("Rate exceeded for shard").build();
	}

	private static int size(PutRecordsRequestEntry entry) {
		return entry.data().asByteArrayUnsafe().length + entry.partitionKey().getBytes().length;
	}

	private static int userRecords(PutRecordsRequestEntry entry) {
		return Deaggregator.create().deaggregate(entry.data().asByteBuffer(), entry.partitionKey(), "0").size();
	}

	private static RecordExpiredException expiredOf(CompletableFuture<UserRecordResult> result) {
		assertThat(result).isCompletedExceptionally();
		Throwable cause = cause(result);
		assertThat(cause).isInstanceOf(RecordExpiredException.class);
		return (RecordExpiredException) cause;
	}

	private static Throwable cause(CompletableFuture<?> result) {
		try {
			result.get();
			throw new AssertionError("completed normally");
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	private record Sent(String partitionKey, String explicitHashKey, byte[] data,
			CompletableFuture<UserRecordResult> future) {
	}

}
