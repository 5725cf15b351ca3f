package io.github.kpldeagg.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * The records the real KPL daemon wrote (src/vectors/kpl), read from the test classpath.
 */
final class KplVectors {

	private static final List<String> PRODUCERS = List.of("kpl-1.1.1", "kpl-0.15.12");

	private static final List<Vector> ALL = PRODUCERS.stream().flatMap(KplVectors::read).toList();

	private KplVectors() {
	}

	static List<Vector> all() {
		return ALL;
	}

	static List<Vector> aggregated() {
		return ALL.stream().filter(Vector::aggregated).toList();
	}

	/** All vectors of one KPL version, in the order the daemon wrote them per shard. */
	static List<Vector> of(String producer) {
		return ALL.stream().filter((vector) -> vector.file().startsWith(producer + "-")).toList();
	}

	static List<String> producers() {
		return PRODUCERS;
	}

	private static Stream<Vector> read(String producer) {
		try (InputStream index = resource(producer + "-index.json")) {
			return new ObjectMapper().readValue(index, Index.class).vectors().stream();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static InputStream resource(String file) {
		InputStream in = KplVectors.class.getResourceAsStream("/kpl/" + file);
		if (in == null) {
			throw new IllegalStateException("/kpl/" + file + " is not on the test classpath");
		}
		return in;
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Index(List<Vector> vectors) {
	}

	/**
	 * One Kinesis record as GetRecords returned it, with the user records it must yield.
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Vector(String file, String shardId, List<String> shardHashKeyRange, String sequenceNumber,
			String partitionKey, String explicitHashKey, String approximateArrivalTimestamp, String sha256,
			boolean aggregated, List<ExpectedUserRecord> userRecords) {

		byte[] data() {
			try (InputStream in = resource(this.file)) {
				return in.readAllBytes();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		BigInteger startingHashKey() {
			return new BigInteger(this.shardHashKeyRange.get(0));
		}

		BigInteger endingHashKey() {
			return new BigInteger(this.shardHashKeyRange.get(1));
		}

		Instant arrival() {
			return Instant.parse(this.approximateArrivalTimestamp);
		}

		/**
		 * The record as the SDK's GetRecords returns it (GetRecords never returns an
		 * explicit hash key).
		 */
		Record sdkRecord() {
			return Record.builder()
				.data(SdkBytes.fromByteArray(data()))
				.partitionKey(this.partitionKey)
				.sequenceNumber(this.sequenceNumber)
				.approximateArrivalTimestamp(arrival())
				.build();
		}

		@Override
		public String toString() {
			return this.file;
		}
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record ExpectedUserRecord(long subSequenceNumber, String partitionKey, String explicitHashKey,
			String effectiveHashKey, String dataBase64) {

		byte[] data() {
			return Base64.getDecoder().decode(this.dataBase64);
		}
	}

}
