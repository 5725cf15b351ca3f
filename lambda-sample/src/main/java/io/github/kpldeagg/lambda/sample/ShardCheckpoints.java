package io.github.kpldeagg.lambda.sample;

import io.github.kpldeagg.core.UserRecord;
import java.math.BigInteger;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The last user record done per stream and shard, by which repeats after a Lambda retry
 * are dropped. In memory for the sample: a real function keeps it where it writes (a
 * conditional write to DynamoDB, a unique key in its database), since a retry may run in
 * another execution environment.
 */
class ShardCheckpoints {

	private record Position(BigInteger sequenceNumber, long subSequenceNumber) implements Comparable<Position> {

		static Position of(UserRecord userRecord) {
			return new Position(new BigInteger(userRecord.sequenceNumber()), userRecord.subSequenceNumber());
		}

		@Override
		public int compareTo(Position other) {
			int bySequence = sequenceNumber.compareTo(other.sequenceNumber);
			return bySequence != 0 ? bySequence : Long.compare(subSequenceNumber, other.subSequenceNumber);
		}
	}

	private final Map<String, Position> lastDone = new ConcurrentHashMap<>();

	/**
	 * Whether this user record is at or before the last one done on its shard. Stream and
	 * shard come from the starter's headers, null only for an event that lacks them.
	 */
	boolean isDone(@Nullable String stream, @Nullable String shard, UserRecord userRecord) {
		Position last = lastDone.get(stream + "/" + shard);
		return last != null && Position.of(userRecord).compareTo(last) <= 0;
	}

	void done(@Nullable String stream, @Nullable String shard, UserRecord userRecord) {
		lastDone.merge(stream + "/" + shard, Position.of(userRecord),
				(previous, current) -> current.compareTo(previous) > 0 ? current : previous);
	}

}
