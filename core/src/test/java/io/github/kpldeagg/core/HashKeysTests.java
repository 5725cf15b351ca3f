package io.github.kpldeagg.core;

import java.math.BigInteger;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An explicit hash key is valid exactly when KCL's {@code new BigInteger(key)} gives a
 * value in [0, 2^128); the effective hash key is that value, else the MD5 of the UTF-8
 * partition key.
 */
class HashKeysTests {

	/**
	 * Digits of several scripts (BigInteger takes any Unicode digit), signs, and
	 * non-digits.
	 */
	private static final String ALPHABET = "0000123456789+-a e.\u0663\uff10\uff19";

	@Test
	void validityIsWhatBigIntegerParsesIntoRange() {
		RandomUserRecords.withSeed((random) -> {
			for (int i = 0; i < 200_000; i++) {
				StringBuilder key = new StringBuilder();
				int length = (random.nextInt(10) == 0) ? random.nextInt(200) : random.nextInt(42);
				for (int c = 0; c < length; c++) {
					key.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
				}
				assertThat(HashKeys.parseExplicitHashKey(key.toString()) != null).as("\"%s\"", key)
					.isEqualTo(parsesIntoRange(key.toString()));
			}
		});
	}

	@Test
	void boundariesAndLeadingZeros() {
		String max = HashKeys.MAX_HASH_KEY.toString();
		String tooLarge = HashKeys.MAX_HASH_KEY.add(BigInteger.ONE).toString();
		for (String key : List.of("0", "-0", "+0", max, "0".repeat(10_000) + max, "-" + "0".repeat(50), "\u0663",
				"007")) {
			assertThat(HashKeys.parseExplicitHashKey(key)).as(key).isEqualTo(new BigInteger(key));
		}
		for (String key : List.of("", "-", "+", "-1", tooLarge, "0".repeat(10_000) + tooLarge, "1" + max, " 1", "1 ",
				"abc", "1e3", "+-1", "--1", "0x10", "0-0", "00+1")) {
			assertThat(HashKeys.parseExplicitHashKey(key)).as(key).isNull();
		}
	}

	@Test
	void canonicalKeysAreWhatTheKinesisApiAccepts() {
		assertThat(List.of("0", "1", "42", HashKeys.MAX_HASH_KEY.toString()))
			.allMatch(HashKeys::isCanonicalExplicitHashKey);
		assertThat(List.of("", "00", "01", "+1", "-0", "\u0663", HashKeys.MAX_HASH_KEY.add(BigInteger.ONE).toString()))
			.noneMatch(HashKeys::isCanonicalExplicitHashKey);
	}

	@Test
	void effectiveHashKeyIsTheExplicitHashKeyElseTheMd5OfTheUtf8PartitionKey() {
		for (String partitionKey : List.of("a", "device-07", "ключ", "键\uD83D\uDE00", "k".repeat(256))) {
			assertThat(HashKeys.effectiveHashKey(partitionKey, null)).as(partitionKey)
				.isEqualTo(DeaggregatorSemanticsTests.md5AsHashKey(partitionKey));
		}
		assertThat(HashKeys.effectiveHashKey("device-07", "0")).isZero();
		assertThat(HashKeys.effectiveHashKey("device-07", "42")).isEqualTo(42);
		assertThat(HashKeys.effectiveHashKey("device-07", "+0042")).isEqualTo(42);
		assertThat(HashKeys.effectiveHashKey("device-07", HashKeys.MAX_HASH_KEY.toString()))
			.isEqualTo(HashKeys.MAX_HASH_KEY);
	}

	@Test
	void effectiveHashKeyRejectsAnExplicitHashKeyOutsideTheHashKeySpace() {
		for (String key : List.of("-1", "", "abc", "1e3", HashKeys.MAX_HASH_KEY.add(BigInteger.ONE).toString())) {
			assertThatThrownBy(() -> HashKeys.effectiveHashKey("device-07", key)).as(key)
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageEndingWith("was " + key);
		}
		assertThatThrownBy(() -> HashKeys.effectiveHashKey(null, "42")).isInstanceOf(NullPointerException.class);
	}

	private static boolean parsesIntoRange(String key) {
		try {
			BigInteger value = new BigInteger(key);
			return value.signum() >= 0 && value.compareTo(HashKeys.MAX_HASH_KEY) <= 0;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

}
