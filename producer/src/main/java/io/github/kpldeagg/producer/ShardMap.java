package io.github.kpldeagg.producer;

import java.math.BigInteger;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * A stream's shards as one ListShards listing tells: the open ones by hash-key range, to
 * predict where a user record lands, and the ranges of all listed ones, open and closed,
 * to check where one did land. A shard's range never changes, so a range stays true
 * however old the listing.
 */
final class ShardMap {

	private final NavigableMap<BigInteger, Range> openByStartingHashKey = new TreeMap<>();

	private final Map<String, Range> byShardId = new HashMap<>();

	ShardMap(List<Shard> shards) {
		for (Shard shard : shards) {
			Range range = new Range(shard.shardId(), new BigInteger(shard.hashKeyRange().startingHashKey()),
					new BigInteger(shard.hashKeyRange().endingHashKey()));
			byShardId.put(shard.shardId(), range);
			if (shard.sequenceNumberRange().endingSequenceNumber() == null) {
				openByStartingHashKey.put(range.start, range);
			}
		}
		if (openByStartingHashKey.isEmpty()) {
			throw new IllegalStateException("ListShards named no open shard");
		}
	}

	/**
	 * {@return the open shard whose range holds the hash key} The open shards' ranges
	 * cover all hash keys; during a split or merge ListShards may still name the parent
	 * open, then a put there lands on a child and is checked.
	 */
	String shardFor(BigInteger hashKey) {
		Map.Entry<BigInteger, Range> floor = openByStartingHashKey.floorEntry(hashKey);
		return (floor != null ? floor : openByStartingHashKey.firstEntry()).getValue().shardId;
	}

	boolean isOpen(String shardId) {
		Range range = byShardId.get(shardId);
		return range != null && openByStartingHashKey.get(range.start) == range;
	}

	boolean knows(String shardId) {
		return byShardId.containsKey(shardId);
	}

	/** Whether the shard is listed and its range holds every one of the user records. */
	boolean holdsAll(String shardId, Collection<OutstandingUserRecord> userRecords) {
		@Nullable Range range = byShardId.get(shardId);
		if (range == null) {
			return false;
		}
		for (OutstandingUserRecord userRecord : userRecords) {
			if (userRecord.hashKey.compareTo(range.start) < 0 || userRecord.hashKey.compareTo(range.end) > 0) {
				return false;
			}
		}
		return true;
	}

	private record Range(String shardId, BigInteger start, BigInteger end) {
	}

}
