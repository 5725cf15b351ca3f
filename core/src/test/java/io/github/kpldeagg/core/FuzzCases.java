package io.github.kpldeagg.core;

import java.util.HexFormat;

/**
 * How many cases each fuzz test runs: a few thousand normally, a few million under
 * {@code -Pfuzz}.
 */
final class FuzzCases {

	private FuzzCases() {
	}

	static int count() {
		return Integer.getInteger("kpldeagg.fuzz.cases", 20_000);
	}

	/** Names a failing input so that it can be replayed. */
	static AssertionError failure(byte[] input, Throwable cause) {
		String hex = HexFormat.of().formatHex(input, 0, Math.min(input.length, 4_096));
		return new AssertionError("Fuzz case of " + input.length + " bytes failed: " + hex, cause);
	}

}
