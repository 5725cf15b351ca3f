package io.github.kpldeagg.benchmarks.fanout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import io.github.kpldeagg.core.Aggregator;
import io.github.kpldeagg.core.KinesisRecord;

/**
 * What a producer puts: user records with UUID partition keys and JSON payloads of one
 * exact size, seeded.
 *
 * @param partitionKeys the partition keys
 * @param payloads the payloads
 * @author The kpl-deagg maintainers
 */
record JsonUserRecords(List<String> partitionKeys, List<byte[]> payloads) {

	static JsonUserRecords of(int count, int payloadBytes) {
		Random random = new Random(count * 31L + payloadBytes);
		List<String> partitionKeys = new ArrayList<>(count);
		List<byte[]> payloads = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			String id = new UUID(random.nextLong(), random.nextLong()).toString();
			partitionKeys.add(id);
			payloads.add(json(id, i, payloadBytes, random));
		}
		return new JsonUserRecords(partitionKeys, payloads);
	}

	int count() {
		return this.payloads.size();
	}

	/** All of them in one KPL aggregate, written by the core's {@link Aggregator}. */
	KinesisRecord aggregate() {
		Aggregator aggregator = Aggregator.create(Aggregator.MAX_RECORD_BYTES, count());
		for (int i = 0; i < count(); i++) {
			if (!aggregator.add(this.partitionKeys.get(i), null, this.payloads.get(i)).isEmpty()) {
				throw new IllegalStateException("The user records do not fit one aggregate");
			}
		}
		return aggregator.flush().orElseThrow();
	}

	/**
	 * A JSON object with an {@code id} (a UUID), a {@code seq} (the index) and a
	 * {@code note} (letters), padded to exactly {@code bytes} bytes.
	 */
	private static byte[] json(String id, int sequence, int bytes, Random random) {
		StringBuilder json = new StringBuilder(bytes).append("{\"id\":\"")
			.append(id)
			.append("\",\"seq\":")
			.append(sequence)
			.append(",\"note\":\"");
		int letters = bytes - json.length() - "\"}".length();
		if (letters < 0) {
			throw new IllegalArgumentException("A JSON payload needs more than " + bytes + " bytes");
		}
		for (int i = 0; i < letters; i++) {
			json.append((char) ('a' + random.nextInt(26)));
		}
		return json.append("\"}").toString().getBytes(StandardCharsets.US_ASCII);
	}
}
