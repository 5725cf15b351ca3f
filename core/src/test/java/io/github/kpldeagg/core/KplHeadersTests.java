package io.github.kpldeagg.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The header contract of all starters, pinned: names, value types, and the explicit hash
 * key left out when there is none.
 */
class KplHeadersTests {

	@Test
	void theNamesAreTheWireNames() {
		assertThat(KplHeaders.PARTITION_KEY).isEqualTo("kpl_partitionKey");
		assertThat(KplHeaders.EXPLICIT_HASH_KEY).isEqualTo("kpl_explicitHashKey");
		assertThat(KplHeaders.SEQUENCE_NUMBER).isEqualTo("kpl_sequenceNumber");
		assertThat(KplHeaders.SUB_SEQUENCE_NUMBER).isEqualTo("kpl_subSequenceNumber");
		assertThat(KplHeaders.AGGREGATED).isEqualTo("kpl_aggregated");
		assertThat(KplHeaders.EVENT_SOURCE_ARN).isEqualTo("kpl_eventSourceArn");
		assertThat(KplHeaders.SHARD_ID).isEqualTo("kpl_shardId");
		assertThat(KplHeaders.USER_RECORDS).isEqualTo("kpl_userRecords");
	}

	@Test
	void aUserRecordsHeadersHaveTheirValueTypes() {
		UserRecord userRecord = userRecord("42");
		Map<String, Object> headers = KplHeaders.of(userRecord);
		assertThat(headers).containsExactly(Map.entry("kpl_partitionKey", "pk"), Map.entry("kpl_explicitHashKey", "42"),
				Map.entry("kpl_sequenceNumber", "4960"), Map.entry("kpl_subSequenceNumber", 3L),
				Map.entry("kpl_aggregated", true));
		assertThat(headers.get(KplHeaders.SUB_SEQUENCE_NUMBER)).isInstanceOf(Long.class);
		assertThat(headers.get(KplHeaders.AGGREGATED)).isInstanceOf(Boolean.class);
		assertThatThrownBy(() -> headers.put("other", "x")).isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void withoutAnExplicitHashKeyItsHeaderIsAbsent() {
		assertThat(KplHeaders.of(userRecord(null))).doesNotContainKey(KplHeaders.EXPLICIT_HASH_KEY).hasSize(4);
	}

	@Test
	void thePartsGiveTheSameHeadersAsTheUserRecord() {
		assertThat(written("pk", "42")).isEqualTo(KplHeaders.of(userRecord("42")));
		assertThat(written("pk", null)).isEqualTo(KplHeaders.of(userRecord(null)));
	}

	@Test
	void writingReplacesTheHeadersOfTheSameNamesAndRemovesAnExplicitHashKeyTheUserRecordHasNot() {
		Map<String, Object> headers = new HashMap<>(Map.of("other", "kept", KplHeaders.EXPLICIT_HASH_KEY, "7",
				KplHeaders.PARTITION_KEY, "a", KplHeaders.SUB_SEQUENCE_NUMBER, 0L));
		KplHeaders.write(userRecord(null), headers);
		Map<String, Object> expected = new HashMap<>(KplHeaders.of(userRecord(null)));
		expected.put("other", "kept");
		assertThat(headers).isEqualTo(expected);
	}

	private static Map<String, Object> written(String partitionKey, String explicitHashKey) {
		Map<String, Object> headers = new HashMap<>();
		KplHeaders.write(partitionKey, explicitHashKey, "4960", 3, true, headers);
		return headers;
	}

	private static UserRecord userRecord(String explicitHashKey) {
		return UserRecord.of(ByteBuffer.wrap("data".getBytes(StandardCharsets.UTF_8)), "pk", explicitHashKey, "4960", 3,
				true, Instant.EPOCH);
	}

}
