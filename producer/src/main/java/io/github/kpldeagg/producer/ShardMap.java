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
 *
 * @author The kpl-deagg maintainers
 */
final class ShardMap {

	private final NavigableMap<BigInteger, Range> openByStartingHashKey = new TreeMap<>();

	private final Map<String, Range> byShardId = new HashMap<>();

	ShardMap(List<Shard> shards) {
		for (Shard shard : shards) {
			Range range = new Range(shard.shardId(), new BigInteger(shard.hashKeyRange().startingHashKey()),
					new BigInteger(shard.hashKeyRange().endingHashKey()));
			this.byShardId.put(shard.shardId(), range);
			if (shard.sequenceNumberRange().endingSequenceNumber() == null) {
				this.openByStartingHashKey.put(range.start, range);
			}
		}
		if (this.openByStartingHashKey.isEmpty()) {
			throw new IllegalStateException("ListShards named no open shard");
		}
	}

	/**
	 * Returns the open shard whose range holds the hash key. The open shards' ranges
	 * cover all hash keys; during a split or merge ListShards may still name the parent
	 * open, then a put there lands on a child and is checked.
	 * @param hashKey the hash key
	 * @return the open shard whose range holds the hash key
	 */
	String shardFor(BigInteger hashKey) {
		Map.Entry<BigInteger, Range> floor = this.openByStartingHashKey.floorEntry(hashKey);
		return ((floor != null) ? floor : this.openByStartingHashKey.firstEntry()).getValue().shardId;
	}

	boolean isOpen(String shardId) {
		Range range = this.byShardId.get(shardId);
		return range != null && this.openByStartingHashKey.get(range.start) == range;
	}

	boolean knows(String shardId) {
		return this.byShardId.containsKey(shardId);
	}

	/**
	 * Whether the shard is listed and its range holds every one of the user records.
	 * @param shardId the shard id
	 * @param userRecords the user records
	 * @return whether the shard is listed and its range holds every one of the user
	 * records
	 */
	boolean holdsAll(String shardId, Collection<OutstandingUserRecord> userRecords) {
		@Nullable Range range = this.byShardId.get(shardId);
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
