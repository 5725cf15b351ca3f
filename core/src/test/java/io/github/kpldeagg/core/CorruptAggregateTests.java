package io.github.kpldeagg.core;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.github.kpldeagg.core.CorruptAggregates.Case;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.Record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every class of corrupt aggregate under every policy: one typed outcome, the listener
 * told, nothing half delivered.
 */
class CorruptAggregateTests {

	private static final String SEQUENCE_NUMBER = "49590338271490256608559692538361571095921575989136588898";

	static Stream<Arguments> casesAndPolicies() {
		return CorruptAggregates.all()
			.stream()
			.flatMap((corrupt) -> Stream.of(CorruptAggregatePolicy.values())
				.map((policy) -> Arguments.of(corrupt, policy)));
	}

	static List<Case> cases() {
		return CorruptAggregates.all();
	}

	@ParameterizedTest(name = "{0} under {1}")
	@MethodSource("casesAndPolicies")
	void corruptAggregateIsHandledAsThePolicySays(Case corrupt, CorruptAggregatePolicy policy) {
		RecordingListener listener = new RecordingListener();
		Deaggregator deaggregator = Deaggregator.builder().corruptAggregatePolicy(policy).listener(listener).build();
		ByteBuffer data = ByteBuffer.wrap(corrupt.data());

		switch (policy) {
			case PASS_THROUGH ->
				assertThat(deaggregator.deaggregate(data, "a", SEQUENCE_NUMBER)).singleElement().satisfies((only) -> {
					assertThat(only.bytes()).isEqualTo(corrupt.data());
					assertThat(only.partitionKey()).isEqualTo("a");
					assertThat(only.explicitHashKey()).isEmpty();
					assertThat(only.sequenceNumber()).isEqualTo(SEQUENCE_NUMBER);
					assertThat(only.subSequenceNumber()).isZero();
					assertThat(only.aggregated()).isFalse();
				});
			case SKIP -> assertThat(deaggregator.deaggregate(data, "a", SEQUENCE_NUMBER)).isEmpty();
			case FAIL -> assertThatThrownBy(() -> deaggregator.deaggregate(data, "a", SEQUENCE_NUMBER))
				.isInstanceOfSatisfying(CorruptAggregateException.class, (e) -> {
					assertThat(e.reason()).isEqualTo(corrupt.reason());
					assertThat(e.sequenceNumber()).isEqualTo(SEQUENCE_NUMBER);
					assertThat(e.partitionKey()).isEqualTo("a");
					assertThat(e.getMessage()).contains(corrupt.reason().name(), SEQUENCE_NUMBER);
				});
		}
		assertThat(listener.events)
			.containsExactly("corrupt " + SEQUENCE_NUMBER + " " + corrupt.reason() + " " + policy);
		assertThat(listener.corruptions).singleElement()
			.extracting(CorruptAggregateException::reason)
			.isEqualTo(corrupt.reason());
	}

	@ParameterizedTest(name = "{0} under {1}")
	@MethodSource("casesAndPolicies")
	void oneSdkRecordAloneIsHandledAsInBulk(Case corrupt, CorruptAggregatePolicy policy) {
		Record record = sdkRecord(corrupt.data(), SEQUENCE_NUMBER);
		RecordingListener aloneListener = new RecordingListener();
		RecordingListener bulkListener = new RecordingListener();
		Object alone = outcome(() -> Deaggregator.builder()
			.corruptAggregatePolicy(policy)
			.listener(aloneListener)
			.build()
			.deaggregate(record));
		Object bulk = outcome(() -> Deaggregator.builder()
			.corruptAggregatePolicy(policy)
			.listener(bulkListener)
			.build()
			.deaggregate(List.of(record)));

		assertThat(alone).isEqualTo(bulk);
		assertThat(aloneListener.events).isEqualTo(bulkListener.events)
			.containsExactly("corrupt " + SEQUENCE_NUMBER + " " + corrupt.reason() + " " + policy);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void lazyStreamDeliversTheRecordsBeforeACorruptAggregateAndNoneOfIt(Case corrupt) {
		byte[] good = new ProtobufBytes().string(1, "pk")
			.message(3, ProtobufBytes.userRecord(0, null, "1"))
			.message(3, ProtobufBytes.userRecord(0, null, "2"))
			.framed();
		List<Record> records = List.of(sdkRecord(good, "1"), sdkRecord(corrupt.data(), "2"), sdkRecord(good, "3"));

		Iterator<UserRecord> failing = Deaggregator.builder()
			.corruptAggregatePolicy(CorruptAggregatePolicy.FAIL)
			.build()
			.stream(records)
			.iterator();
		assertThat(failing.next().sequenceNumber()).isEqualTo("1");
		assertThat(failing.next().sequenceNumber()).isEqualTo("1");
		assertThatThrownBy(failing::next).isInstanceOf(CorruptAggregateException.class);

		List<UserRecord> skipping = Deaggregator.builder()
			.corruptAggregatePolicy(CorruptAggregatePolicy.SKIP)
			.build()
			.stream(records)
			.toList();
		assertThat(skipping).extracting(UserRecord::sequenceNumber).containsExactly("1", "1", "3", "3");
	}

	/** The user records, or the reason of the corrupt aggregate thrown. */
	private static Object outcome(Supplier<List<UserRecord>> deaggregation) {
		try {
			return deaggregation.get();
		}
		catch (CorruptAggregateException ex) {
			return ex.reason();
		}
	}

	private static Record sdkRecord(byte[] data, String sequenceNumber) {
		return Record.builder()
			.data(SdkBytes.fromByteArray(data))
			.partitionKey("a")
			.sequenceNumber(sequenceNumber)
			.build();
	}

}
