package io.github.kpldeagg.core;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Random user records for property tests, from a seed that is reported when a property
 * fails.
 */
final class RandomUserRecords {

	private static final String NON_ASCII = "äöüßéèçñøåæœ€ключ键값キー\u0394\u03a9\u05d0\u0627\u0928";

	private final Random random;

	private final List<String> partitionKeys = new ArrayList<>();

	private final List<String> explicitHashKeys = new ArrayList<>();

	RandomUserRecords(Random random) {
		this.random = random;
	}

	/**
	 * Runs a property with a fresh seed, or the one given as {@code -Dkpldeagg.seed}, and
	 * names the seed when it fails.
	 */
	static void withSeed(Consumer<Random> property) {
		long seed = Long.getLong("kpldeagg.seed", new Random().nextLong());
		try {
			property.accept(new Random(seed));
		}
		catch (AssertionError | RuntimeException ex) {
			throw new AssertionError("Property failed; reproduce with -Dkpldeagg.seed=" + seed, ex);
		}
	}

	List<Input> next(int count, int maxDataLength) {
		List<Input> inputs = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			inputs.add(new Input(partitionKey(), explicitHashKey(), data(maxDataLength)));
		}
		return inputs;
	}

	/**
	 * 1 to 256 code points, ASCII or not, often one seen before so that key tables
	 * de-duplicate.
	 */
	String partitionKey() {
		if (!this.partitionKeys.isEmpty() && this.random.nextBoolean()) {
			return this.partitionKeys.get(this.random.nextInt(this.partitionKeys.size()));
		}
		int codePoints = (this.random.nextInt(4) == 0) ? 1 + this.random.nextInt(256) : 1 + this.random.nextInt(40);
		boolean ascii = this.random.nextBoolean();
		StringBuilder key = new StringBuilder(codePoints);
		for (int i = 0; i < codePoints; i++) {
			if (ascii) {
				key.append((char) (' ' + this.random.nextInt(95)));
			}
			else if (this.random.nextInt(10) == 0) {
				key.appendCodePoint(0x1F600 + this.random.nextInt(64));
			}
			else {
				key.append(NON_ASCII.charAt(this.random.nextInt(NON_ASCII.length())));
			}
		}
		String created = key.toString();
		this.partitionKeys.add(created);
		return created;
	}

	/** None, 0, 2^128 - 1 or a random 128-bit value, often one seen before. */
	String explicitHashKey() {
		int choice = this.random.nextInt(10);
		if (choice < 5) {
			return null;
		}
		if (choice < 7 && !this.explicitHashKeys.isEmpty()) {
			return this.explicitHashKeys.get(this.random.nextInt(this.explicitHashKeys.size()));
		}
		String created = switch (choice) {
			case 7 -> "0";
			case 8 -> HashKeys.MAX_HASH_KEY.toString();
			default -> new BigInteger(128, this.random).toString();
		};
		this.explicitHashKeys.add(created);
		return created;
	}

	/** Mostly small, sometimes empty, sometimes up to {@code maxLength}. */
	byte[] data(int maxLength) {
		int length = switch (this.random.nextInt(10)) {
			case 0 -> 0;
			case 1 -> this.random.nextInt(maxLength + 1);
			default -> this.random.nextInt(Math.min(maxLength, 300) + 1);
		};
		byte[] data = new byte[length];
		this.random.nextBytes(data);
		return data;
	}

	/** A user record as a producer hands it to an aggregator. */
	record Input(String partitionKey, String explicitHashKey, byte[] data) {
	}

}
