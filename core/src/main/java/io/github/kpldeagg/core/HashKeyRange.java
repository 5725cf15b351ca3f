package io.github.kpldeagg.core;

import java.math.BigInteger;

/**
 * A shard's hash-key range, both ends inclusive.
 *
 * @param startingHashKey the shard's {@code StartingHashKey}
 * @param endingHashKey the shard's {@code EndingHashKey}
 * @author The kpl-deagg maintainers
 */
record HashKeyRange(BigInteger startingHashKey, BigInteger endingHashKey) {

	boolean contains(BigInteger hashKey) {
		return hashKey.compareTo(this.startingHashKey) >= 0 && hashKey.compareTo(this.endingHashKey) <= 0;
	}

}
