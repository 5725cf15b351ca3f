package io.github.kpldeagg.producer;

import java.nio.ByteBuffer;
import java.util.Map;

import io.github.kpldeagg.core.UserRecord;
import io.github.kpldeagg.producer.StreamContents.Identity;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks a stream's contents against what the producer acknowledged: with the shard
 * filter (the core's, KCL's), every acknowledged user record is read under the identity
 * its result named, with its data; what else is read are copies of user records the
 * producer put again.
 */
final class ReadBack {

	private ReadBack() {
	}

	/**
	 * @param acknowledged each user record's data under the identity its result named
	 */
	static Figures assertNothingLostOrDropped(StreamContents contents, Map<Identity, byte[]> acknowledged) {
		Map<Identity, UserRecord> filtered = contents.coreWithShardFilter();
		Map<Identity, KinesisClientRecord> kcl = contents.kcl();
		Map<Identity, UserRecord> unfiltered = contents.core();
		acknowledged.forEach((identity, data) -> {
			assertThat(filtered.get(identity)).as("core with the shard filter at %s", identity)
				.isNotNull()
				.satisfies((userRecord) -> assertThat(userRecord.bytes()).isEqualTo(data));
			assertThat(kcl.get(identity)).as("KCL at %s", identity)
				.isNotNull()
				.satisfies((userRecord) -> assertThat(bytes(userRecord.data())).isEqualTo(data));
		});
		return new Figures(acknowledged.size(), unfiltered.size() - acknowledged.size(),
				unfiltered.size() - filtered.size(), filtered.size() - acknowledged.size(),
				unfiltered.size() - kcl.size(), kcl.size() - acknowledged.size());
	}

	private static byte[] bytes(ByteBuffer data) {
		byte[] bytes = new byte[data.remaining()];
		data.duplicate().get(bytes);
		return bytes;
	}

	/**
	 * @param acknowledged user records acknowledged, each read back under its identity
	 * @param strayCopies user records read without a filter under an identity no result
	 * named: copies in aggregates left on a wrong shard
	 * @param droppedByShardFilter stray copies the core's shard filter dropped
	 * @param duplicatesWithShardFilter stray copies it delivered: in the wrong shard's
	 * range, so read twice under two identities
	 * @param droppedByKcl stray copies KCL dropped (whole aggregates)
	 * @param duplicatesWithKcl stray copies KCL delivered
	 */
	record Figures(int acknowledged, int strayCopies, int droppedByShardFilter, int duplicatesWithShardFilter,
			int droppedByKcl, int duplicatesWithKcl) {
	}

}
