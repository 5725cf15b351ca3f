package io.github.kpldeagg.it.load;

import java.time.Duration;
import java.util.List;

import io.github.kpldeagg.core.Deaggregator;
import io.github.kpldeagg.it.support.LocalAws;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * The emulator's ceiling: the plain AWS SDK reading a whole stream, shard after shard,
 * GetRecords after GetRecords without pause, each response deaggregated with the core
 * {@link Deaggregator} and nothing else. One thread: kinesis-local serves on one Node.js
 * event loop, and four threads reading at once without pause made it stop answering (read
 * timeouts, then refused connections).
 */
final class PlainReader {

	/**
	 * Kinesis records per GetRecords, as the binder's polling adapter asks in these tests
	 * (kinesis-local does not cap a response at 10 MB as Kinesis does; aggregates are up
	 * to 50 KB).
	 */
	private static final int RECORDS_LIMIT = 200;

	private PlainReader() {
	}

	/**
	 * Reads every shard to its end (a response with no records and no lag) and returns
	 * the rate.
	 */
	static Rate read(LocalAws aws, String stream) {
		KinesisClient kinesis = aws.kinesis().client();
		List<String> shards = kinesis.listShards((request) -> request.streamName(stream))
			.shards()
			.stream()
			.map(Shard::shardId)
			.toList();
		long startedAt = System.nanoTime();
		long userRecords = shards.stream().mapToLong((shard) -> readShard(kinesis, stream, shard)).sum();
		return new Rate(userRecords, Duration.ofNanos(System.nanoTime() - startedAt));
	}

	private static long readShard(KinesisClient kinesis, String stream, String shard) {
		Deaggregator deaggregator = Deaggregator.create();
		String iterator = kinesis
			.getShardIterator((request) -> request.streamName(stream)
				.shardId(shard)
				.shardIteratorType(ShardIteratorType.TRIM_HORIZON))
			.shardIterator();
		long userRecords = 0;
		while (iterator != null) {
			String current = iterator;
			GetRecordsResponse response = kinesis
				.getRecords((request) -> request.shardIterator(current).limit(RECORDS_LIMIT));
			userRecords += deaggregator.deaggregate(response.records()).size();
			if (response.records().isEmpty() && response.millisBehindLatest() == 0) {
				break;
			}
			iterator = response.nextShardIterator();
		}
		return userRecords;
	}

	/** User records read in a time. */
	record Rate(long userRecords, Duration elapsed) {

		double perSecond() {
			return this.userRecords / (this.elapsed.toNanos() / 1e9);
		}
	}

}
