package io.github.kpldeagg.it.support;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * User records as varied as producers make them, the same for the same seed: partition
 * keys that repeat and keys in Cyrillic, CJK and emoji or of the maximal 256 characters,
 * explicit hash keys (among them 0 and 2^128-1), empty data and data larger than a KPL
 * aggregate may be. No two have the same content.
 */
public final class Corpus {

	private static final BigInteger HASH_KEY_LIMIT = BigInteger.ONE.shiftLeft(128);

	private static final List<String> KEY_STEMS = List.of("order-", "customer/", "ключ-", "键-", "🔑-", "Ünïcødé ");

	private static final String LONGEST_KEY = "k".repeat(256);

	/** Above the KPL's 51,200-byte aggregate limit: the KPL sends such a record plain. */
	private static final int LARGE_DATA_BYTES = 60_000;

	private Corpus() {
	}

	public static List<ProducedRecord> generate(int count, long seed) {
		return generate(0, count, seed);
	}

	/**
	 * The records with indexes {@code firstIndex} to {@code firstIndex + count - 1}: a
	 * producer that runs for long makes them a slice at a time, each slice with a seed of
	 * its own, and no two differ in content.
	 */
	public static List<ProducedRecord> generate(int firstIndex, int count, long seed) {
		Random random = new Random(seed);
		List<ProducedRecord> records = new ArrayList<>(count);
		for (int i = firstIndex; i < firstIndex + count; i++) {
			records.add(record(i, random));
		}
		return records;
	}

	private static ProducedRecord record(int index, Random random) {
		String explicitHashKey = explicitHashKey(index, random);
		int kind = random.nextInt(100);
		if (kind < 8) {
			// Empty data cannot tell records apart: the key does.
			return new ProducedRecord("empty-" + index, explicitHashKey, new byte[0]);
		}
		String partitionKey = (index % 97 == 0) ? LONGEST_KEY
				: KEY_STEMS.get(random.nextInt(KEY_STEMS.size())) + random.nextInt(40);
		byte[] tag = ("record " + index + " ").getBytes(StandardCharsets.UTF_8);
		byte[] data = new byte[tag.length
				+ ((kind < 9) ? LARGE_DATA_BYTES + random.nextInt(20_000) : random.nextInt(300))];
		random.nextBytes(data);
		System.arraycopy(tag, 0, data, 0, tag.length);
		return new ProducedRecord(partitionKey, explicitHashKey, data);
	}

	private static String explicitHashKey(int index, Random random) {
		if (index == 1) {
			return "0";
		}
		if (index == 2) {
			return HASH_KEY_LIMIT.subtract(BigInteger.ONE).toString();
		}
		return (random.nextInt(10) == 0) ? new BigInteger(128, random).toString() : null;
	}

}
