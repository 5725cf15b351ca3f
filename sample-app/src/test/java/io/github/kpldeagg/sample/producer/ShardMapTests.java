package io.github.kpldeagg.sample.producer;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.github.kpldeagg.core.HashKeys;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.Shard;

import static org.assertj.core.api.Assertions.assertThat;

class ShardMapTests {

	private static final BigInteger HASH_KEY_SPACE = BigInteger.ONE.shiftLeft(128);

	private static final int SHARDS = 4;

	/**
	 * Four shards splitting the hash-key space evenly, as CreateStream does, listed out
	 * of order.
	 */
	private final List<Shard> shards = evenShards();

	private final ShardMap shardMap = new ShardMap(this.shards);

	@Test
	void routesAPartitionKeyToTheShardWhoseRangeHoldsItsEffectiveHashKey() {
		for (int i = 0; i < 200; i++) {
			String partitionKey = "device-" + i;
			BigInteger hashKey = HashKeys.effectiveHashKey(partitionKey, null);

			assertThat(this.shardMap.shardOf(partitionKey, null)).as(partitionKey)
				.isEqualTo(hashKey.multiply(BigInteger.valueOf(SHARDS)).divide(HASH_KEY_SPACE).intValue());
		}
	}

	@Test
	void routesAnExplicitHashKeyByItsValueWhateverThePartitionKey() {
		BigInteger quarter = HASH_KEY_SPACE.divide(BigInteger.valueOf(SHARDS));

		assertThat(this.shardMap.shardOf("any", "0")).isZero();
		assertThat(this.shardMap.shardOf("any", quarter.subtract(BigInteger.ONE).toString())).isZero();
		assertThat(this.shardMap.shardOf("any", quarter.toString())).isEqualTo(1);
		assertThat(this.shardMap.shardOf("any", HASH_KEY_SPACE.subtract(BigInteger.ONE).toString())).isEqualTo(3);
	}

	private static List<Shard> evenShards() {
		BigInteger width = HASH_KEY_SPACE.divide(BigInteger.valueOf(SHARDS));
		List<Shard> shards = new ArrayList<>();
		for (int i = 0; i < SHARDS; i++) {
			BigInteger start = width.multiply(BigInteger.valueOf(i));
			BigInteger end = (i == SHARDS - 1) ? HASH_KEY_SPACE.subtract(BigInteger.ONE)
					: start.add(width).subtract(BigInteger.ONE);
			String shardId = "shardId-" + i;
			shards.add(Shard.builder()
				.shardId(shardId)
				.hashKeyRange((range) -> range.startingHashKey(start.toString()).endingHashKey(end.toString()))
				.build());
		}
		Collections.reverse(shards);
		return shards;
	}

}
