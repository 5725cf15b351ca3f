package io.github.kpldeagg.core;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Kinesis hash keys: unsigned 128-bit integers written in decimal.
 *
 * @author The kpl-deagg maintainers
 */
public final class HashKeys {

	static final BigInteger MAX_HASH_KEY = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

	/**
	 * 2^128 - 1 has 39 digits; more significant digits than that can never be in range.
	 */
	private static final int MAX_SIGNIFICANT_DIGITS = 39;

	/** What the Kinesis API accepts as an explicit hash key: a canonical decimal. */
	private static final Pattern CANONICAL_DECIMAL = Pattern.compile("0|[1-9][0-9]{0,38}");

	private HashKeys() {
	}

	/**
	 * Returns the hash key Kinesis routes a user record with these keys by. It is the one
	 * {@link UserRecord#effectiveHashKey()} returns: the explicit hash key, else the MD5
	 * of the UTF-8 partition key read as an unsigned 128-bit integer. A shard takes the
	 * user records whose effective hash key lies in its hash-key range.
	 * @param partitionKey the user record's partition key
	 * @param explicitHashKey a decimal in [0, 2^128) as {@code new BigInteger(String)}
	 * reads it, or null
	 * @return the hash key Kinesis routes a user record with these keys by
	 * @throws IllegalArgumentException if the explicit hash key is not such a decimal
	 */
	public static BigInteger effectiveHashKey(String partitionKey, @Nullable String explicitHashKey) {
		Objects.requireNonNull(partitionKey, "partitionKey");
		if (explicitHashKey == null) {
			byte[] utf8 = partitionKey.getBytes(StandardCharsets.UTF_8);
			return partitionKeyHash(utf8, 0, utf8.length);
		}
		BigInteger hashKey = parseExplicitHashKey(explicitHashKey);
		if (hashKey == null) {
			throw new IllegalArgumentException(
					"explicitHashKey must be a decimal in [0, 2^128), was " + explicitHashKey);
		}
		return hashKey;
	}

	/**
	 * The hash key of a partition key given as UTF-8: the MD5 of those bytes.
	 * @param utf8 the utf8
	 * @param offset the offset
	 * @param length the length
	 * @return the hash key of a partition key given as UTF-8
	 */
	static BigInteger partitionKeyHash(byte[] utf8, int offset, int length) {
		return new BigInteger(1, Md5.digest(utf8, offset, length));
	}

	/**
	 * Whether {@code value} is an explicit hash key the Kinesis API accepts.
	 * @param value the value
	 * @return whether {@code value} is an explicit hash key the Kinesis API accepts
	 */
	static boolean isCanonicalExplicitHashKey(String value) {
		return CANONICAL_DECIMAL.matcher(value).matches() && new BigInteger(value).compareTo(MAX_HASH_KEY) <= 0;
	}

	/**
	 * {@code value} parsed as KCL parses an explicit hash key
	 * ({@code new BigInteger(value)}), or null unless that gives a value in [0, 2^128).
	 * Linear in the key's length: a key with more significant digits than 2^128 - 1 is
	 * rejected before BigInteger's superlinear parse.
	 * @param value the value
	 * @return the parsed value, or null unless it lies in [0, 2^128)
	 */
	static @Nullable BigInteger parseExplicitHashKey(String value) {
		int significant = (value.startsWith("+") || value.startsWith("-")) ? 1 : 0;
		while (significant < value.length() && Character.digit(value.charAt(significant), 10) == 0) {
			significant++;
		}
		if (value.length() - significant > MAX_SIGNIFICANT_DIGITS) {
			return null;
		}
		BigInteger parsed;
		try {
			parsed = new BigInteger(value);
		}
		catch (NumberFormatException ex) {
			return null;
		}
		return (parsed.signum() >= 0 && parsed.compareTo(MAX_HASH_KEY) <= 0) ? parsed : null;
	}

}
