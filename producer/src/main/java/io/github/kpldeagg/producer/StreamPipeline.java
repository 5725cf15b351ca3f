package io.github.kpldeagg.producer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * One stream's user records from arrival to result: the shard map, a buffer per predicted
 * shard, and the checks of where each put landed. Guarded by the producer's lock.
 *
 * @author The kpl-deagg maintainers
 */
final class StreamPipeline {

	private static final long MIN_BACKOFF_NANOS = 100_000_000L;

	private static final long MAX_BACKOFF_NANOS = 3_000_000_000L;

	/**
	 * Listings after a wrong-shard put that may still not name the shard it landed on
	 * (ListShards can lag the resharding) before its user records are put again anyway.
	 */
	private static final int MAX_LISTINGS_PER_VERDICT = 3;

	final String stream;

	private final ProducerConfiguration configuration;

	private final ProducerMetrics metrics;

	private final Map<String, ShardBuffer> buffers = new LinkedHashMap<>();

	/** User records that wait for a current shard map. */
	private final List<OutstandingUserRecord> awaitingShardMap = new ArrayList<>();

	/** Aggregates put on another shard than predicted, waiting for a listing of it. */
	private final List<WrongShardPut> awaitingVerdict = new ArrayList<>();

	private @Nullable ShardMap shardMap;

	/**
	 * False until the first listing, and from a put on an unexpected shard to the next.
	 */
	private boolean shardMapCurrent;

	private boolean listing;

	private boolean flushWhenListed;

	private int listingFailures;

	StreamPipeline(String stream, ProducerConfiguration configuration) {
		this.stream = stream;
		this.configuration = configuration;
		this.metrics = configuration.metrics();
	}

	void add(OutstandingUserRecord userRecord, long nowNanos, Effects effects) {
		ShardMap map = this.shardMap;
		if (!this.shardMapCurrent || map == null) {
			this.awaitingShardMap.add(userRecord);
			requestListing(effects);
			return;
		}
		String shardId = map.shardFor(userRecord.hashKey);
		this.buffers.computeIfAbsent(shardId, (id) -> new ShardBuffer(id, this.configuration, nowNanos))
			.add(userRecord);
	}

	/**
	 * Sends what waited RecordMaxBufferedTime on to collection.
	 * @param nowNanos the now nanos
	 */
	void tick(long nowNanos) {
		for (ShardBuffer buffer : this.buffers.values()) {
			if (buffer.aggregateDue(nowNanos)) {
				buffer.flushAggregate(false);
			}
		}
	}

	/** Marks everything buffered to go without waiting for full aggregates or batches. */
	void flush() {
		for (ShardBuffer buffer : this.buffers.values()) {
			buffer.flushAggregate(true);
			for (PutEntry entry : buffer.ready) {
				entry.sendNow = true;
			}
		}
		if (!this.awaitingShardMap.isEmpty()) {
			this.flushWhenListed = true;
		}
	}

	/**
	 * Returns the next PutRecords request's entries, taken off their buffers, or null. A
	 * request goes when it is full or holds an entry that is due; each shard gives its
	 * entries oldest first, within its rate limit and past its retry backoff.
	 * @param nowNanos the now nanos
	 * @return the next PutRecords request's entries, taken off their buffers, or null
	 */
	@Nullable List<PutEntry> nextBatch(long nowNanos) {
		List<PutEntry> batch = new ArrayList<>();
		Map<ShardBuffer, Integer> takenByShard = new LinkedHashMap<>();
		long batchBytes = 0;
		boolean full = false;
		boolean due = false;
		for (ShardBuffer buffer : this.buffers.values()) {
			if (buffer.suspended) {
				continue;
			}
			int taken = 0;
			long takenBytes = 0;
			for (PutEntry entry : buffer.ready) {
				if (entry.notBeforeNanos - nowNanos > 0) {
					break;
				}
				if (batch.size() == this.configuration.collectionMaxCount()
						|| (!batch.isEmpty() && batchBytes + entry.size > this.configuration.collectionMaxSize())) {
					full = true;
					break;
				}
				if (!buffer.rateLimit.allowsOneMore(taken, takenBytes, nowNanos)) {
					break;
				}
				batch.add(entry);
				batchBytes += entry.size;
				taken++;
				takenBytes += entry.size;
				due |= entry.sendNow || entry.dueNanos - nowNanos <= 0;
			}
			if (taken > 0) {
				takenByShard.put(buffer, taken);
			}
			if (full) {
				break;
			}
		}
		full |= batch.size() == this.configuration.collectionMaxCount();
		if (batch.isEmpty() || !(full || due)) {
			return null;
		}
		takenByShard.forEach((buffer, taken) -> {
			long bytes = 0;
			for (int i = 0; i < taken; i++) {
				bytes += buffer.ready.remove().size;
			}
			buffer.rateLimit.take(taken, bytes);
		});
		return batch;
	}

	/**
	 * Settles a PutRecords request: successes complete, failed entries go back to the
	 * head of their shard's queue after a backoff, aggregates on an unexpected shard are
	 * checked against its range.
	 * @param batch the batch
	 * @param startNanos the start nanos
	 * @param endNanos the end nanos
	 * @param response the response, or null if the request failed
	 * @param requestErrorCode why the request failed, if it did
	 * @param requestErrorMessage the request's error message, if it failed
	 * @param effects collects what to do once the lock is released
	 */
	void settle(List<PutEntry> batch, long startNanos, long endNanos, @Nullable PutRecordsResponse response,
			@Nullable String requestErrorCode, @Nullable String requestErrorMessage, Effects effects) {
		Deque<PutEntry> retries = new ArrayDeque<>();
		for (int i = 0; i < batch.size(); i++) {
			PutEntry entry = batch.get(i);
			PutRecordsResultEntry result = (response != null) ? response.records().get(i) : null;
			if (result == null || result.errorCode() != null) {
				String errorCode = (result != null) ? result.errorCode() : requestErrorCode;
				String errorMessage = (result != null) ? result.errorMessage() : requestErrorMessage;
				failed(entry, startNanos, endNanos, (errorCode != null) ? errorCode : "Unknown", errorMessage, retries,
						effects);
			}
			else if (entry.predictedShardId.equals(result.shardId()) || !entry.record.aggregated()) {
				if (!entry.predictedShardId.equals(result.shardId())) {
					// Kinesis routed a plain record by its own hash key: it is right, the
					// map is old.
					markShardMapOld(effects);
				}
				succeed(entry, result, startNanos, endNanos, effects);
			}
			else {
				landedOnUnexpectedShard(new WrongShardPut(entry, result, startNanos, endNanos), effects);
			}
		}
		for (Iterator<PutEntry> retry = retries.descendingIterator(); retry.hasNext();) {
			PutEntry entry = retry.next();
			ShardBuffer buffer = this.buffers.get(entry.predictedShardId);
			if (buffer != null) {
				buffer.ready.addFirst(entry);
			}
			else {
				reAdd(entry.userRecords, endNanos, effects);
			}
		}
	}

	/**
	 * Applies a new listing of the shards.
	 * @param map the map
	 * @param nowNanos the now nanos
	 * @param effects the effects
	 */
	void listed(ShardMap map, long nowNanos, Effects effects) {
		this.listing = false;
		this.listingFailures = 0;
		this.shardMap = map;
		this.shardMapCurrent = true;
		List<OutstandingUserRecord> toAdd = new ArrayList<>();
		for (Iterator<WrongShardPut> waiting = this.awaitingVerdict.iterator(); waiting.hasNext();) {
			WrongShardPut put = waiting.next();
			String landedOn = put.result.shardId();
			if (!map.knows(landedOn) && ++put.listings < MAX_LISTINGS_PER_VERDICT) {
				this.shardMapCurrent = false;
				continue;
			}
			waiting.remove();
			if (map.holdsAll(landedOn, put.entry.userRecords)) {
				succeed(put.entry, put.result, put.startNanos, put.endNanos, effects);
			}
			else {
				putAgain(put, nowNanos, toAdd, effects);
			}
		}
		for (Iterator<Map.Entry<String, ShardBuffer>> shards = this.buffers.entrySet().iterator(); shards.hasNext();) {
			ShardBuffer buffer = shards.next().getValue();
			if (!map.isOpen(buffer.shardId)) {
				// Whatever waits for a closed shard would land on a child: aggregate it
				// again.
				toAdd.addAll(buffer.dissolve());
				shards.remove();
			}
			else if (buffer.isEmpty()) {
				shards.remove();
			}
			else {
				buffer.suspended = false;
			}
		}
		toAdd.addAll(this.awaitingShardMap);
		this.awaitingShardMap.clear();
		reAdd(toAdd, nowNanos, effects);
		if (!this.shardMapCurrent) {
			requestListing(effects);
		}
		else if (this.flushWhenListed) {
			this.flushWhenListed = false;
			flush();
		}
	}

	/**
	 * Returns the delay before listing again.
	 * @return the delay before listing again
	 */
	long listingFailed() {
		this.listing = false;
		return backoffNanos(++this.listingFailures);
	}

	/**
	 * Starts a listing, unless one is under way, once the lock is released.
	 * @param effects the effects
	 */
	void requestListing(Effects effects) {
		if (!this.listing) {
			this.listing = true;
			effects.shardListings.add(this);
		}
	}

	/**
	 * Fails what waits outside a request and is older than RecordTtl.
	 * @param nowNanos the now nanos
	 * @param effects the effects
	 */
	void expire(long nowNanos, Effects effects) {
		List<OutstandingUserRecord> alive = new ArrayList<>();
		for (Iterator<OutstandingUserRecord> waiting = this.awaitingShardMap.iterator(); waiting.hasNext();) {
			OutstandingUserRecord userRecord = waiting.next();
			if (userRecord.expired(nowNanos)) {
				waiting.remove();
				expire(userRecord, nowNanos, effects);
			}
		}
		for (ShardBuffer buffer : this.buffers.values()) {
			for (Iterator<PutEntry> ready = buffer.ready.iterator(); ready.hasNext();) {
				PutEntry entry = ready.next();
				if (entry.anyExpired(nowNanos)) {
					ready.remove();
					expireOrKeep(entry.userRecords, nowNanos, alive, effects);
				}
			}
		}
		for (Iterator<WrongShardPut> waiting = this.awaitingVerdict.iterator(); waiting.hasNext();) {
			WrongShardPut put = waiting.next();
			if (put.entry.anyExpired(nowNanos)) {
				waiting.remove();
				putAgain(put, nowNanos, alive, effects);
			}
		}
		reAdd(alive, nowNanos, effects);
	}

	private void failed(PutEntry entry, long startNanos, long endNanos, String errorCode, @Nullable String errorMessage,
			Deque<PutEntry> retries, Effects effects) {
		this.metrics.retry(this.stream, errorCode);
		for (OutstandingUserRecord userRecord : entry.userRecords) {
			userRecord.attempt(startNanos, endNanos, errorCode, errorMessage);
		}
		if (entry.anyExpired(endNanos)) {
			List<OutstandingUserRecord> alive = new ArrayList<>();
			expireOrKeep(entry.userRecords, endNanos, alive, effects);
			reAdd(alive, endNanos, effects);
			return;
		}
		entry.failures++;
		entry.notBeforeNanos = endNanos + backoffNanos(entry.failures);
		retries.add(entry);
	}

	private void succeed(PutEntry entry, PutRecordsResultEntry result, long startNanos, long endNanos,
			Effects effects) {
		boolean aggregated = entry.record.aggregated();
		for (int i = 0; i < entry.userRecords.size(); i++) {
			OutstandingUserRecord userRecord = entry.userRecords.get(i);
			userRecord.attempt(startNanos, endNanos, null, null);
			effects.succeed(userRecord, new UserRecordResult(result.shardId(), result.sequenceNumber(),
					aggregated ? i : 0, aggregated, userRecord.attempts));
		}
		this.metrics.userRecordsPut(this.stream, entry.userRecords.size());
		this.metrics.kinesisRecordPut(this.stream, entry.size);
	}

	/**
	 * An aggregate landed on another shard than predicted: after a split or merge the
	 * predicted shard closed and Kinesis routed it to a child by its first user record's
	 * hash key. It stands if that shard's range holds all its user records; otherwise
	 * they are put again, once a listing names that shard.
	 * @param put the put
	 * @param effects the effects
	 */
	private void landedOnUnexpectedShard(WrongShardPut put, Effects effects) {
		ShardMap map = this.shardMap;
		if (map != null && map.knows(put.result.shardId())) {
			if (map.holdsAll(put.result.shardId(), put.entry.userRecords)) {
				succeed(put.entry, put.result, put.startNanos, put.endNanos, effects);
				return;
			}
		}
		this.awaitingVerdict.add(put);
		ShardBuffer predicted = this.buffers.get(put.entry.predictedShardId);
		if (predicted != null) {
			predicted.suspended = true;
		}
		markShardMapOld(effects);
	}

	/**
	 * The aggregate stays on the wrong shard, where a reader filtering by the shard's
	 * range (KCL, the starter's shard filter) drops it; its user records go again.
	 * @param put the put
	 * @param nowNanos the now nanos
	 * @param alive the alive
	 * @param effects the effects
	 */
	private void putAgain(WrongShardPut put, long nowNanos, List<OutstandingUserRecord> alive, Effects effects) {
		String message = "The aggregate of " + put.entry.userRecords.size() + " user records predicted for "
				+ put.entry.predictedShardId + " landed on " + put.result.shardId() + " as "
				+ put.result.sequenceNumber() + ", whose hash-key range does not hold them all";
		for (OutstandingUserRecord userRecord : put.entry.userRecords) {
			userRecord.attempt(put.startNanos, put.endNanos, Attempt.WRONG_SHARD, message);
		}
		this.metrics.wrongShardReput(this.stream, put.entry.userRecords.size());
		expireOrKeep(put.entry.userRecords, nowNanos, alive, effects);
	}

	private void markShardMapOld(Effects effects) {
		this.shardMapCurrent = false;
		requestListing(effects);
	}

	private void expireOrKeep(List<OutstandingUserRecord> userRecords, long nowNanos, List<OutstandingUserRecord> alive,
			Effects effects) {
		for (OutstandingUserRecord userRecord : userRecords) {
			if (userRecord.expired(nowNanos)) {
				expire(userRecord, nowNanos, effects);
			}
			else {
				alive.add(userRecord);
			}
		}
	}

	private void expire(OutstandingUserRecord userRecord, long nowNanos, Effects effects) {
		String message = "RecordTtl of " + this.configuration.recordTtl().toMillis() + " ms expired after "
				+ userRecord.attempts.size() + " attempts";
		userRecord.attempt(nowNanos, nowNanos, Attempt.EXPIRED, message);
		this.metrics.expired(this.stream, 1);
		effects.fail(userRecord, new RecordExpiredException(message, userRecord.attempts));
	}

	private void reAdd(List<OutstandingUserRecord> userRecords, long nowNanos, Effects effects) {
		for (OutstandingUserRecord userRecord : userRecords) {
			add(userRecord, nowNanos, effects);
		}
	}

	private static long backoffNanos(int failures) {
		return Math.min(MAX_BACKOFF_NANOS, MIN_BACKOFF_NANOS << Math.min(failures - 1, 5));
	}

	/** An aggregate put on a shard other than predicted, and the put's result. */
	private static final class WrongShardPut {

		final PutEntry entry;

		final PutRecordsResultEntry result;

		final long startNanos;

		final long endNanos;

		int listings;

		WrongShardPut(PutEntry entry, PutRecordsResultEntry result, long startNanos, long endNanos) {
			this.entry = entry;
			this.result = result;
			this.startNanos = startNanos;
			this.endNanos = endNanos;
		}

	}

}
