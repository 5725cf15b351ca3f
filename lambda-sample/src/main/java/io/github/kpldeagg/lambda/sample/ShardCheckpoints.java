package io.github.kpldeagg.lambda.sample;

import java.math.BigInteger;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.kpldeagg.core.UserRecord;
import org.jspecify.annotations.Nullable;

/**
 * The last user record done per stream and shard, by which repeats after a Lambda retry
 * are dropped. In memory for the sample: a real function keeps it where it writes (a
 * conditional write to DynamoDB, a unique key in its database), since a retry may run in
 * another execution environment.
 *
 * @author The kpl-deagg maintainers
 */
class ShardCheckpoints {

	private final Map<String, Position> lastDone = new ConcurrentHashMap<>();

	/**
	 * Whether this user record is at or before the last one done on its shard. Stream and
	 * shard come from the starter's headers, null only for an event that lacks them.
	 * @param stream the stream
	 * @param shard the shard
	 * @param userRecord the user record
	 * @return whether this user record is at or before the last one done on its shard
	 */
	boolean isDone(@Nullable String stream, @Nullable String shard, UserRecord userRecord) {
		Position last = this.lastDone.get(stream + "/" + shard);
		return last != null && Position.of(userRecord).compareTo(last) <= 0;
	}

	void done(@Nullable String stream, @Nullable String shard, UserRecord userRecord) {
		this.lastDone.merge(stream + "/" + shard, Position.of(userRecord),
				(previous, current) -> (current.compareTo(previous) > 0) ? current : previous);
	}

	private record Position(BigInteger sequenceNumber, long subSequenceNumber) implements Comparable<Position> {

		static Position of(UserRecord userRecord) {
			return new Position(new BigInteger(userRecord.sequenceNumber()), userRecord.subSequenceNumber());
		}

		@Override
		public int compareTo(Position other) {
			int bySequence = this.sequenceNumber.compareTo(other.sequenceNumber);
			return (bySequence != 0) ? bySequence : Long.compare(this.subSequenceNumber, other.subSequenceNumber);
		}
	}

}
