package io.github.kpldeagg.autoconfigure;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.kpldeagg.core.KplHeaders;
import io.github.kpldeagg.core.UserRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.integration.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The binder's user-record headers are the contract's ({@link KplHeaders#of(UserRecord)},
 * which the Lambda starter sets too), plus the received partition key.
 */
class UserRecordHeadersTests {

	private static final BinderHeaders BINDER_HEADERS = new BinderHeaders("test_receivedPartitionKey",
			"test_receivedSequenceNumber", "test_receivedStream", "test_shard", "test_checkpointer", "test_rawRecord");

	private final UserRecordHeaders headers = new UserRecordHeaders(BINDER_HEADERS);

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = "42")
	void aUserRecordsHeadersOnTheCarriersAreTheContracts(@Nullable String explicitHashKey) {
		UserRecord userRecord = userRecord(explicitHashKey);
		Map<String, @Nullable Object> messageHeaders = new HashMap<>();
		messageHeaders.put(BINDER_HEADERS.receivedPartitionKey(), "a");
		messageHeaders.put(KplHeaders.EXPLICIT_HASH_KEY, "a previous user record's");
		messageHeaders.put("other", "kept");
		this.headers.write(messageHeaders, userRecord);
		assertThat(kplHeaders(messageHeaders)).isEqualTo(KplHeaders.of(userRecord));
		assertThat(messageHeaders).containsEntry(BINDER_HEADERS.receivedPartitionKey(), "pk")
			.containsEntry("other", "kept");
	}

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = "42")
	void aKclUserRecordsHeadersAreTheContracts(@Nullable String explicitHashKey) {
		Map<String, Object> messageHeaders = this.headers
			.write(MessageBuilder.withPayload("data").setHeader(KplHeaders.EXPLICIT_HASH_KEY, "stale"), "pk",
					explicitHashKey, "4960", 3, true)
			.build()
			.getHeaders();
		assertThat(kplHeaders(messageHeaders)).isEqualTo(KplHeaders.of(userRecord(explicitHashKey)));
		assertThat(messageHeaders).containsEntry(BINDER_HEADERS.receivedPartitionKey(), "pk");
	}

	@Test
	void readsBackTheUserRecord() {
		UserRecord userRecord = userRecord("42");
		Map<String, @Nullable Object> messageHeaders = new HashMap<>();
		this.headers.write(messageHeaders, userRecord);
		assertThat(UserRecordHeaders.read(userRecord.bytes(),
				new org.springframework.messaging.MessageHeaders(messageHeaders), Instant.EPOCH))
			.isEqualTo(userRecord);
	}

	private static Map<String, Object> kplHeaders(Map<String, ? extends @Nullable Object> headers) {
		return headers.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().startsWith("kpl_"))
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	private static UserRecord userRecord(@Nullable String explicitHashKey) {
		return UserRecord.of(ByteBuffer.wrap("data".getBytes(StandardCharsets.UTF_8)), "pk", explicitHashKey, "4960", 3,
				true, Instant.EPOCH);
	}

}
