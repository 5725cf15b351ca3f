package io.github.kpldeagg.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardHashKeyRangesTests {

	@Test
	void looksAStreamUpOnceForAllItsShards() {
		ListShardsOnlyKinesis kinesis = ListShardsOnlyKinesis.listingTwoShards();
		ShardHashKeyRanges ranges = new ShardHashKeyRanges(kinesis);

		assertThat(ranges.of("stream", "shardId-000000000000").endingHashKey())
			.isEqualTo("170141183460469231731687303715884105727");
		assertThat(ranges.of("stream", "shardId-000000000001").startingHashKey())
			.isEqualTo("170141183460469231731687303715884105728");
		assertThat(ranges.of("stream", "shardId-000000000000")).isNotNull();
		assertThat(kinesis.listShardsCalls()).isEqualTo(1);
	}

	@Test
	void doesNotRepeatAFailedLookupDuringTheBackOff() {
		ListShardsOnlyKinesis kinesis = ListShardsOnlyKinesis.failing();
		ShardHashKeyRanges ranges = new ShardHashKeyRanges(kinesis, Duration.ofHours(1));

		assertThatThrownBy(() -> ranges.of("stream", "shardId-000000000000")).isInstanceOf(CompletionException.class)
			.hasCauseInstanceOf(LimitExceededException.class);
		assertThatThrownBy(() -> ranges.of("stream", "shardId-000000000001")).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("stream stream failed less than PT1H ago")
			.hasRootCauseInstanceOf(LimitExceededException.class);
		assertThat(kinesis.listShardsCalls()).isEqualTo(1);
	}

	@Test
	void repeatsAFailedLookupAfterTheBackOff() {
		ListShardsOnlyKinesis kinesis = ListShardsOnlyKinesis.failing();
		ShardHashKeyRanges ranges = new ShardHashKeyRanges(kinesis, Duration.ZERO);

		for (int attempt = 0; attempt < 2; attempt++) {
			assertThatThrownBy(() -> ranges.of("stream", "shardId-000000000000"))
				.hasRootCauseInstanceOf(LimitExceededException.class);
		}
		assertThat(kinesis.listShardsCalls()).isEqualTo(2);
	}

	@Test
	void aShardThatIsNotListedIsAFailedLookupToo() {
		ListShardsOnlyKinesis kinesis = ListShardsOnlyKinesis.listingTwoShards();
		ShardHashKeyRanges ranges = new ShardHashKeyRanges(kinesis, Duration.ofHours(1));

		assertThatThrownBy(() -> ranges.of("stream", "shardId-000000000002"))
			.hasMessage("ListShards of stream stream does not list shard shardId-000000000002");
		assertThatThrownBy(() -> ranges.of("stream", "shardId-000000000002"))
			.hasMessageContaining("failed less than PT1H ago");
		assertThat(ranges.of("stream", "shardId-000000000001")).isNotNull();
		assertThat(kinesis.listShardsCalls()).isEqualTo(1);
	}

}
