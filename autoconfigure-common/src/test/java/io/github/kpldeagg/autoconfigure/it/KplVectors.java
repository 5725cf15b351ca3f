package io.github.kpldeagg.autoconfigure.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;

/** The Kinesis records the real KPL wrote (src/vectors/kpl), put again as it put them. */
final class KplVectors {

	private KplVectors() {
	}

	/**
	 * Puts every vector of a KPL version, shard by shard in the order the KPL wrote them,
	 * with the outer partition key and explicit hash key of the KPL's PutRecords; returns
	 * the user records to expect.
	 */
	static List<Expected> put(KinesisClient kinesis, String stream, String kplVersion) {
		List<JsonNode> vectors = new ArrayList<>();
		index(kplVersion).get("vectors").forEach(vectors::add);
		vectors.sort(Comparator.comparing((JsonNode vector) -> vector.get("shardId").asText())
			.thenComparing((vector) -> new BigInteger(vector.get("sequenceNumber").asText())));
		List<Expected> expected = new ArrayList<>();
		for (JsonNode vector : vectors) {
			PutRecordResponse put = kinesis.putRecord((request) -> request.streamName(stream)
				.partitionKey(vector.get("partitionKey").asText())
				.explicitHashKey(vector.get("explicitHashKey").asText())
				.data(SdkBytes.fromByteArray(resource("/kpl/" + vector.get("file").asText()))));
			for (JsonNode userRecord : vector.get("userRecords")) {
				expected.add(new Expected(put.shardId(), put.sequenceNumber(), userRecord.get("partitionKey").asText(),
						userRecord.get("explicitHashKey").isNull() ? null : userRecord.get("explicitHashKey").asText(),
						userRecord.get("subSequenceNumber").asLong(), vector.get("aggregated").asBoolean(),
						Base64.getDecoder().decode(userRecord.get("dataBase64").asText())));
			}
		}
		return expected;
	}

	private static JsonNode index(String kplVersion) {
		try {
			return new ObjectMapper().readTree(resource("/kpl/kpl-" + kplVersion + "-index.json"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] resource(String name) {
		try (InputStream in = KplVectors.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException("No test resource " + name);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * One user record as it must arrive, with the sequence number and shard its Kinesis
	 * record got when put.
	 */
	record Expected(String shardId, String sequenceNumber, String partitionKey, String explicitHashKey,
			long subSequenceNumber, boolean aggregated, byte[] data) {
	}

}
