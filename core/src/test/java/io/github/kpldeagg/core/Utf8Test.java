package io.github.kpldeagg.core;

import static io.github.kpldeagg.core.RandomUserRecords.withSeed;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Our in-place UTF-8 check accepts exactly what protobuf-java's
 * {@code ByteString.isValidUtf8} accepts.
 */
class Utf8Test {

	/** Bytes around every boundary of the lead and continuation byte ranges. */
	private static final int[] BOUNDARIES = { 0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF,
			0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF };

	@Test
	void everySequenceOfUpToThreeBytes() {
		byte[] bytes = new byte[3];
		for (int first = 0; first < 256; first++) {
			bytes[0] = (byte) first;
			assertAgrees(bytes, 1);
			for (int second = 0; second < 256; second++) {
				bytes[1] = (byte) second;
				assertAgrees(bytes, 2);
				for (int third = 0; third < 256; third++) {
					bytes[2] = (byte) third;
					assertAgrees(bytes, 3);
				}
			}
		}
	}

	@Test
	void fourByteSequencesOfEveryLeadAndSecondByte() {
		byte[] bytes = new byte[4];
		for (int first = 0; first < 256; first++) {
			for (int second = 0; second < 256; second++) {
				for (int third : BOUNDARIES) {
					for (int fourth : BOUNDARIES) {
						bytes[0] = (byte) first;
						bytes[1] = (byte) second;
						bytes[2] = (byte) third;
						bytes[3] = (byte) fourth;
						assertAgrees(bytes, 4);
					}
				}
			}
		}
	}

	@Test
	void randomTextWithinALargerArray() {
		withSeed(random -> {
			for (int i = 0; i < 100_000; i++) {
				byte[] text = new RandomUserRecords(random).partitionKey().getBytes(StandardCharsets.UTF_8);
				if (random.nextBoolean() && text.length > 0) {
					text[random.nextInt(text.length)] = (byte) BOUNDARIES[random.nextInt(BOUNDARIES.length)];
				}
				byte[] padded = new byte[text.length + 4];
				System.arraycopy(text, 0, padded, 2, text.length);
				padded[0] = (byte) 0xE2;
				padded[padded.length - 1] = (byte) 0x80;
				assertThat(Utf8.isValid(padded, 2, text.length)).as("%s", ByteString.copyFrom(text))
					.isEqualTo(ByteString.copyFrom(text).isValidUtf8());
			}
		});
	}

	private static void assertAgrees(byte[] bytes, int length) {
		boolean expected = ByteString.copyFrom(bytes, 0, length).isValidUtf8();
		if (Utf8.isValid(bytes, 0, length) != expected) {
			assertThat(Utf8.isValid(bytes, 0, length)).as("%s", ByteString.copyFrom(bytes, 0, length))
				.isEqualTo(expected);
		}
	}

}
