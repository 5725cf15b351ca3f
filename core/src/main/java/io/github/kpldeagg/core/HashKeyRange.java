package io.github.kpldeagg.core;

import java.math.BigInteger;

/**
 * A shard's hash-key range, both ends inclusive.
 *
 * @param startingHashKey the shard's {@code StartingHashKey}
 * @param endingHashKey the shard's {@code EndingHashKey}
 */
record HashKeyRange(BigInteger startingHashKey, BigInteger endingHashKey) {

	boolean contains(BigInteger hashKey) {
		return hashKey.compareTo(startingHashKey) >= 0 && hashKey.compareTo(endingHashKey) <= 0;
	}

}
