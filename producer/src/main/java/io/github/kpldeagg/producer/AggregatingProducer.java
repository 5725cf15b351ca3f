package io.github.kpldeagg.producer;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import io.github.kpldeagg.core.HashKeys;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * Writes user records to Kinesis in KPL aggregates, in pure Java on a
 * {@link KinesisAsyncClient}, as the KPL's native daemon does: the byte format of the
 * core's {@link io.github.kpldeagg.core.Aggregator}, which consumers (KCL, the KPL's
 * readers, this project's core and starters) read as the KPL's.
 * <p>
 * Each user record is aggregated with others predicted for the same shard by a shard map
 * (ListShards); aggregates are collected into PutRecords requests; failed entries alone
 * are retried with backoff until {@code RecordTtl}. An aggregate that lands on another
 * shard than predicted (the stream was split or merged meanwhile) stands if that shard's
 * hash-key range holds all its user records; otherwise the shard map is listed again and
 * its user records are aggregated and put again. The aggregate left on the wrong shard is
 * then a stray: a reader filtering by the shard's range (KCL; the starter's
 * {@code kpl.deaggregation.shard-filter}) drops it, or the user records in that range; a
 * reader without the filter reads those user records twice, under two identities.
 * <p>
 * Thread-safe. Futures complete on the SDK's or the producer's thread: a callback that
 * blocks there delays the producer, so hand blocking work to an executor (the
 * {@code *Async} methods of {@link CompletableFuture}). {@link #close()} drains but does
 * not close the client.
 *
 * <pre>{@code
 * try (AggregatingProducer producer = AggregatingProducer.create(kinesisAsyncClient)) {
 *     producer.addUserRecord("orders", order.id(), null, json(order))
 *         .thenAccept(result -> log.debug("{} {}/{}", result.shardId(), result.sequenceNumber(),
 *                 result.subSequenceNumber()));
 * }
 * }</pre>
 *
 * @author The kpl-deagg maintainers
 */
public final class AggregatingProducer implements AutoCloseable {

	private static final AtomicInteger INSTANCES = new AtomicInteger();

	private static final int MAX_PARTITION_KEY_CODE_POINTS = 256;

	/** How often RecordTtl is checked for what waits outside a request. */
	private static final long EXPIRY_CHECK_NANOS = 100_000_000L;

	/** How often flushSync flushes again what came back from retries and re-puts. */
	private static final long FLUSH_SYNC_RECHECK_MILLIS = 50;

	private final KinesisAsyncClient kinesis;

	private final ProducerConfiguration configuration;

	private final ReentrantLock lock = new ReentrantLock();

	private final Map<String, StreamPipeline> pipelines = new HashMap<>();

	private final Semaphore outstandingPermits;

	private final AtomicLong outstanding = new AtomicLong();

	private final Object idle = new Object();

	private final ScheduledExecutorService timer;

	private int requestsInFlight;

	private long lastExpiryCheckNanos = System.nanoTime();

	private volatile boolean closed;

	private AggregatingProducer(KinesisAsyncClient kinesis, ProducerConfiguration configuration) {
		this.kinesis = Objects.requireNonNull(kinesis, "kinesis");
		this.configuration = Objects.requireNonNull(configuration, "configuration");
		this.outstandingPermits = new Semaphore(configuration.maxOutstandingUserRecords());
		String threadName = "kpl-producer-" + INSTANCES.incrementAndGet();
		this.timer = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, threadName);
			thread.setDaemon(true);
			return thread;
		});
		// A tenth of RecordMaxBufferedTime, within [1, 10] ms: how late a due aggregate
		// may go.
		long tickMillis = Math.max(1, Math.min(10, configuration.recordMaxBufferedTime().toMillis() / 10));
		this.timer.scheduleAtFixedRate(this::tick, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
	}

	/**
	 * Returns a producer with the KPL's defaults.
	 * @param kinesis the client to put with; not closed by the producer
	 * @return a producer with the KPL's defaults
	 */
	public static AggregatingProducer create(KinesisAsyncClient kinesis) {
		return create(kinesis, ProducerConfiguration.defaults());
	}

	/**
	 * Returns a producer with the given settings.
	 * @param kinesis the client to put with; not closed by the producer
	 * @param configuration the settings
	 * @return a producer with the given settings
	 */
	public static AggregatingProducer create(KinesisAsyncClient kinesis, ProducerConfiguration configuration) {
		return new AggregatingProducer(kinesis, configuration);
	}

	/**
	 * Adds a user record; its data is copied.
	 * @param stream the stream's name
	 * @param partitionKey 1 to 256 Unicode code points
	 * @param explicitHashKey a decimal in [0, 2^128) to route by instead of the partition
	 * key's MD5, or null
	 * @param data the data, from its position to its limit; the buffer is not changed
	 * @return the future of where it was put; failed with {@link RecordExpiredException}
	 * after {@code RecordTtl}, with {@link OutstandingLimitException} under
	 * {@link BackPressure#FAIL}, with {@link InterruptedException} if interrupted while
	 * blocked by {@link BackPressure#BLOCK}
	 * @throws IllegalArgumentException if a key is invalid or the record exceeds
	 * {@link ProducerConfiguration#maxRecordSize()}
	 * @throws IllegalStateException if the producer is closed
	 */
	public CompletableFuture<UserRecordResult> addUserRecord(String stream, String partitionKey,
			@Nullable String explicitHashKey, ByteBuffer data) {
		byte[] copy = new byte[data.remaining()];
		data.duplicate().get(copy);
		return addUserRecord(stream, partitionKey, explicitHashKey, copy);
	}

	/**
	 * Adds a user record without an explicit hash key, routed by its partition key.
	 * @param stream the stream's name
	 * @param partitionKey 1 to 256 Unicode code points
	 * @param data the data; not copied: do not change it until the future completes
	 * @return the future of where it was put, as
	 * {@link #addUserRecord(String, String, String, byte[])}'s
	 * @throws IllegalArgumentException if the key is invalid or the record too large
	 * @throws IllegalStateException if the producer is closed
	 */
	public CompletableFuture<UserRecordResult> addUserRecord(String stream, String partitionKey, byte[] data) {
		return addUserRecord(stream, partitionKey, null, data);
	}

	/**
	 * Adds a user record.
	 * @param stream the stream's name
	 * @param partitionKey 1 to 256 Unicode code points
	 * @param explicitHashKey a decimal in [0, 2^128) to route by instead of the partition
	 * key's MD5, or null
	 * @param data the data; not copied: do not change it until the future completes
	 * @return the future of where it was put; failed with {@link RecordExpiredException}
	 * after {@code RecordTtl}, with {@link OutstandingLimitException} under
	 * {@link BackPressure#FAIL}, with {@link InterruptedException} if interrupted while
	 * blocked by {@link BackPressure#BLOCK}
	 * @throws IllegalArgumentException if a key is invalid or the record exceeds
	 * {@link ProducerConfiguration#maxRecordSize()}
	 * @throws IllegalStateException if the producer is closed
	 */
	public CompletableFuture<UserRecordResult> addUserRecord(String stream, String partitionKey,
			@Nullable String explicitHashKey, byte[] data) {
		Objects.requireNonNull(stream, "stream");
		Objects.requireNonNull(partitionKey, "partitionKey");
		Objects.requireNonNull(data, "data");
		BigInteger hashKey = validatedHashKey(partitionKey, explicitHashKey, data);
		if (this.closed) {
			throw new IllegalStateException("The producer is closed");
		}
		if (this.configuration.backPressure() == BackPressure.FAIL) {
			if (!this.outstandingPermits.tryAcquire()) {
				return CompletableFuture.failedFuture(new OutstandingLimitException(
						this.configuration.maxOutstandingUserRecords() + " user records are outstanding"));
			}
		}
		else {
			try {
				this.outstandingPermits.acquire();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return CompletableFuture.failedFuture(ex);
			}
		}
		long now = System.nanoTime();
		OutstandingUserRecord userRecord = new OutstandingUserRecord(partitionKey, explicitHashKey, hashKey, data, now,
				this.configuration.recordTtl().toNanos());
		this.outstanding.incrementAndGet();
		Effects effects = new Effects();
		this.lock.lock();
		try {
			if (this.closed) {
				this.outstanding.decrementAndGet();
				this.outstandingPermits.release();
				throw new IllegalStateException("The producer is closed");
			}
			this.pipelines.computeIfAbsent(stream, (name) -> new StreamPipeline(name, this.configuration))
				.add(userRecord, now, effects);
			drain(now, effects);
		}
		finally {
			this.lock.unlock();
		}
		apply(effects);
		return userRecord.future;
	}

	/**
	 * Returns how many user records were added and have not completed yet.
	 * @return how many user records were added and have not completed yet
	 */
	public long outstandingUserRecords() {
		return this.outstanding.get();
	}

	/**
	 * Sends everything buffered now, without waiting for full aggregates or requests or
	 * {@code RecordMaxBufferedTime}; returns at once.
	 */
	public void flush() {
		Effects effects = new Effects();
		this.lock.lock();
		try {
			this.pipelines.values().forEach(StreamPipeline::flush);
			drain(System.nanoTime(), effects);
		}
		finally {
			this.lock.unlock();
		}
		apply(effects);
	}

	/**
	 * Flushes and waits until no user record is outstanding: until every future
	 * completed, put or expired.
	 * @throws IllegalStateException if interrupted; the interrupt flag is set again
	 */
	public void flushSync() {
		while (this.outstanding.get() > 0) {
			flush();
			synchronized (this.idle) {
				try {
					if (this.outstanding.get() > 0) {
						this.idle.wait(FLUSH_SYNC_RECHECK_MILLIS);
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("Interrupted while flushing", ex);
				}
			}
		}
	}

	/**
	 * Refuses new user records, puts or expires every outstanding one
	 * ({@link #flushSync()}) and stops the producer's thread. The client stays open.
	 */
	@Override
	public void close() {
		this.closed = true;
		try {
			flushSync();
		}
		finally {
			this.timer.shutdownNow();
		}
	}

	private BigInteger validatedHashKey(String partitionKey, @Nullable String explicitHashKey, byte[] data) {
		int codePoints = partitionKey.codePointCount(0, partitionKey.length());
		if (codePoints < 1 || codePoints > MAX_PARTITION_KEY_CODE_POINTS) {
			throw new IllegalArgumentException("partitionKey must have 1 to " + MAX_PARTITION_KEY_CODE_POINTS
					+ " Unicode code points, had " + codePoints);
		}
		BigInteger hashKey = HashKeys.effectiveHashKey(partitionKey, explicitHashKey);
		if (explicitHashKey != null && !hashKey.toString().equals(explicitHashKey)) {
			throw new IllegalArgumentException("explicitHashKey must be a decimal in [0, 2^128) without sign or"
					+ " leading zeros, as Kinesis takes it, was " + explicitHashKey);
		}
		long size = (long) data.length + partitionKey.getBytes(StandardCharsets.UTF_8).length;
		if (size > this.configuration.maxRecordSize()) {
			throw new IllegalArgumentException("The user record's data and partition key have " + size
					+ " bytes, more than maxRecordSize " + this.configuration.maxRecordSize());
		}
		return hashKey;
	}

	private void tick() {
		Effects effects = new Effects();
		this.lock.lock();
		try {
			long now = System.nanoTime();
			boolean checkExpiry = now - this.lastExpiryCheckNanos >= EXPIRY_CHECK_NANOS;
			if (checkExpiry) {
				this.lastExpiryCheckNanos = now;
			}
			for (StreamPipeline pipeline : this.pipelines.values()) {
				if (checkExpiry) {
					pipeline.expire(now, effects);
				}
				pipeline.tick(now);
			}
			drain(now, effects);
		}
		finally {
			this.lock.unlock();
		}
		apply(effects);
	}

	/**
	 * Takes as many due requests as MaxConnections allows.
	 * @param nowNanos the now nanos
	 * @param effects the effects
	 */
	private void drain(long nowNanos, Effects effects) {
		for (StreamPipeline pipeline : this.pipelines.values()) {
			while (this.requestsInFlight < this.configuration.maxConnections()) {
				List<PutEntry> batch = pipeline.nextBatch(nowNanos);
				if (batch == null) {
					break;
				}
				this.requestsInFlight++;
				effects.batches.add(new Effects.Batch(pipeline, batch));
			}
		}
	}

	/**
	 * Runs outside the lock what a step under it decided.
	 * @param effects the effects
	 */
	private void apply(Effects effects) {
		for (Effects.Batch batch : effects.batches) {
			send(batch.pipeline(), batch.entries());
		}
		for (StreamPipeline pipeline : effects.shardListings) {
			listShards(pipeline);
		}
		for (Runnable completion : effects.completions) {
			completion.run();
		}
		if (effects.finished > 0) {
			this.outstandingPermits.release(effects.finished);
			if (this.outstanding.addAndGet(-effects.finished) == 0) {
				synchronized (this.idle) {
					this.idle.notifyAll();
				}
			}
		}
	}

	private void send(StreamPipeline pipeline, List<PutEntry> entries) {
		List<PutRecordsRequestEntry> requestEntries = new ArrayList<>(entries.size());
		for (PutEntry entry : entries) {
			requestEntries.add(PutRecordsRequestEntry.builder()
				.partitionKey(entry.record.partitionKey())
				.explicitHashKey(entry.record.explicitHashKey())
				.data(SdkBytes.fromByteArrayUnsafe(entry.record.data()))
				.build());
		}
		PutRecordsRequest request = PutRecordsRequest.builder()
			.streamName(pipeline.stream)
			.records(requestEntries)
			.overrideConfiguration((override) -> override.apiCallTimeout(this.configuration.requestTimeout()))
			.build();
		long start = System.nanoTime();
		CompletableFuture<PutRecordsResponse> response;
		try {
			response = this.kinesis.putRecords(request);
		}
		catch (RuntimeException ex) {
			response = CompletableFuture.failedFuture(ex);
		}
		response.whenComplete((result, error) -> settle(pipeline, entries, start, result, error));
	}

	private void settle(StreamPipeline pipeline, List<PutEntry> entries, long startNanos,
			@Nullable PutRecordsResponse response, @Nullable Throwable error) {
		Effects effects = new Effects();
		this.lock.lock();
		try {
			long now = System.nanoTime();
			this.requestsInFlight--;
			Throwable cause = (error instanceof CompletionException && error.getCause() != null) ? error.getCause()
					: error;
			pipeline.settle(entries, startNanos, now, (cause != null) ? null : response, errorCode(cause),
					(cause != null) ? cause.getMessage() : null, effects);
			drain(now, effects);
		}
		finally {
			this.lock.unlock();
		}
		apply(effects);
	}

	private static @Nullable String errorCode(@Nullable Throwable failure) {
		if (failure instanceof AwsServiceException service && service.awsErrorDetails() != null
				&& service.awsErrorDetails().errorCode() != null) {
			return service.awsErrorDetails().errorCode();
		}
		return (failure != null) ? failure.getClass().getSimpleName() : null;
	}

	/**
	 * Lists all the stream's shards, page by page, then hands the map to the pipeline.
	 * @param pipeline the pipeline
	 */
	private void listShards(StreamPipeline pipeline) {
		List<Shard> shards = new ArrayList<>();
		listShardsPage(ListShardsRequest.builder().streamName(pipeline.stream).build(), shards)
			.whenComplete((done, error) -> listed(pipeline, (error != null) ? null : shards));
	}

	private CompletableFuture<Void> listShardsPage(ListShardsRequest request, List<Shard> shards) {
		return this.kinesis.listShards(request).thenCompose((response) -> {
			shards.addAll(response.shards());
			String next = response.nextToken();
			return (next != null) ? listShardsPage(ListShardsRequest.builder().nextToken(next).build(), shards)
					: CompletableFuture.completedFuture(null);
		});
	}

	private void listed(StreamPipeline pipeline, @Nullable List<Shard> shards) {
		Effects effects = new Effects();
		this.lock.lock();
		try {
			long now = System.nanoTime();
			ShardMap map = null;
			if (shards != null) {
				try {
					map = new ShardMap(shards);
				}
				catch (IllegalStateException ex) {
					// No open shard listed (a stream being created or resharded): list
					// again.
				}
			}
			if (map != null) {
				pipeline.listed(map, now, effects);
				drain(now, effects);
			}
			else if (!this.timer.isShutdown()) {
				long delay = pipeline.listingFailed();
				this.timer.schedule(() -> listAgain(pipeline), delay, TimeUnit.NANOSECONDS);
			}
		}
		finally {
			this.lock.unlock();
		}
		apply(effects);
	}

	private void listAgain(StreamPipeline pipeline) {
		Effects effects = new Effects();
		this.lock.lock();
		try {
			pipeline.requestListing(effects);
		}
		finally {
			this.lock.unlock();
		}
		apply(effects);
	}

}
