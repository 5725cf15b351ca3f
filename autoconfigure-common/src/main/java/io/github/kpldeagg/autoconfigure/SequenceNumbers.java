package io.github.kpldeagg.autoconfigure;

/**
 * Kinesis sequence numbers, decimal strings of up to 128 bits without leading zeros,
 * compared as numbers without parsing them: per Kinesis record, on the fan-out's path.
 *
 * @author The kpl-deagg maintainers
 */
final class SequenceNumbers {

	private SequenceNumbers() {
	}

	/**
	 * Returns negative, zero or positive as {@code a} is less than, equal to or greater
	 * than {@code b}.
	 * @param a the a
	 * @param b the b
	 * @return negative, zero or positive as {@code a} is less than, equal to or greater
	 * than {@code b}
	 */
	static int compare(String a, String b) {
		return (a.length() != b.length()) ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
	}

}
