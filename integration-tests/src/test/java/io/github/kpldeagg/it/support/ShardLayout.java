package io.github.kpldeagg.it.support;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The Kinesis records the KPL wrote, per shard in sequence order, from the results of its
 * user records.
 */
public final class ShardLayout {

	private final Map<String, List<SentKinesisRecord>> byShard;

	private ShardLayout(Map<String, List<SentKinesisRecord>> byShard) {
		this.byShard = byShard;
	}

	public static ShardLayout of(List<SentRecord> sent) {
		Map<String, List<SentKinesisRecord>> byShard = sent.stream()
			.collect(Collectors.groupingBy(SentRecord::shardId, TreeMap::new,
					Collectors.groupingBy(SentRecord::sequenceNumber, Collectors.counting())))
			.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, (shard) -> shard.getValue()
				.entrySet()
				.stream()
				.map((record) -> new SentKinesisRecord(shard.getKey(), record.getKey(), record.getValue().intValue()))
				.sorted(Comparator.comparing((record) -> new BigInteger(record.sequenceNumber())))
				.toList(), (a, b) -> a, TreeMap::new));
		return new ShardLayout(byShard);
	}

	public List<SentKinesisRecord> records(String shard) {
		return this.byShard.getOrDefault(shard, List.of());
	}

	public List<String> shards() {
		return List.copyOf(this.byShard.keySet());
	}

	/**
	 * The largest aggregate that has other Kinesis records before and after it on its
	 * shard, so that a failure in it has both a checkpoint behind and work ahead.
	 */
	public SentKinesisRecord largestAggregateInTheMiddle() {
		return this.byShard.values()
			.stream()
			.flatMap(
					(records) -> records.subList(Math.min(1, records.size()), Math.max(1, records.size() - 1)).stream())
			.filter(SentKinesisRecord::aggregated)
			.max(Comparator.comparingInt(SentKinesisRecord::userRecords))
			.orElseThrow(() -> new IllegalStateException(
					"The KPL wrote no aggregate between two other records: " + this.byShard));
	}

	/** The Kinesis record before {@code record} on its shard. */
	public SentKinesisRecord previous(SentKinesisRecord record) {
		List<SentKinesisRecord> records = records(record.shardId());
		int index = records.indexOf(record);
		if (index < 1) {
			throw new IllegalArgumentException(record + " is the first on its shard or not there");
		}
		return records.get(index - 1);
	}

	public SentKinesisRecord last(String shard) {
		List<SentKinesisRecord> records = records(shard);
		return records.get(records.size() - 1);
	}

}
