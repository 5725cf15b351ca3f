package io.github.kpldeagg.core;

/**
 * Strict UTF-8 validation in place: the well-formed byte sequences of the Unicode
 * standard (table 3-7), as protobuf-java's {@code Utf8.isValidUtf8} accepts them, which
 * is package-private there. No overlong forms, surrogates or code points past U+10FFFF.
 */
final class Utf8 {

	private Utf8() {
	}

	static boolean isValid(byte[] bytes, int offset, int length) {
		int end = offset + length;
		int i = offset;
		while (i < end) {
			int lead = bytes[i++] & 0xFF;
			if (lead < 0x80) {
				continue;
			}
			int continuations;
			int secondMin = 0x80;
			int secondMax = 0xBF;
			if (lead < 0xC2) {
				// A continuation byte, or the lead of an overlong two-byte form.
				return false;
			}
			else if (lead < 0xE0) {
				continuations = 1;
			}
			else if (lead < 0xF0) {
				continuations = 2;
				if (lead == 0xE0) {
					secondMin = 0xA0; // overlong below
				}
				else if (lead == 0xED) {
					secondMax = 0x9F; // surrogates above
				}
			}
			else if (lead < 0xF5) {
				continuations = 3;
				if (lead == 0xF0) {
					secondMin = 0x90; // overlong below
				}
				else if (lead == 0xF4) {
					secondMax = 0x8F; // past U+10FFFF above
				}
			}
			else {
				return false;
			}
			if (end - i < continuations) {
				return false;
			}
			int second = bytes[i++] & 0xFF;
			if (second < secondMin || second > secondMax) {
				return false;
			}
			for (int k = 1; k < continuations; k++) {
				if ((bytes[i++] & 0xC0) != 0x80) {
					return false;
				}
			}
		}
		return true;
	}

}
