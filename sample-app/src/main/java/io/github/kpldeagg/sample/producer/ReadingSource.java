package io.github.kpldeagg.sample.producer;

import io.github.kpldeagg.sample.Reading;
import java.math.BigInteger;
import java.util.Random;

/**
 * Readings of a few devices, drawn at random with a fixed seed. Every third device is
 * routed by an explicit hash key spread over the hash-key space, the others by their
 * partition key.
 */
final class ReadingSource {

	private static final BigInteger HASH_KEY_SPACE = BigInteger.ONE.shiftLeft(128);

	private final String run;

	private final String[] devices;

	private final String[] explicitHashKeys;

	private final long[] nextSeq;

	private final Random random = new Random(42);

	ReadingSource(String run, int deviceCount) {
		this.run = run;
		this.devices = new String[deviceCount];
		this.explicitHashKeys = new String[deviceCount];
		this.nextSeq = new long[deviceCount];
		for (int i = 0; i < deviceCount; i++) {
			devices[i] = String.format("device-%02d", i);
			if (i % 3 == 2) {
				explicitHashKeys[i] = HASH_KEY_SPACE.multiply(BigInteger.valueOf(i))
					.divide(BigInteger.valueOf(deviceCount))
					.toString();
			}
		}
	}

	OutgoingReading next() {
		int device = random.nextInt(devices.length);
		double celsius = Math.round((15 + 10 * random.nextDouble()) * 10) / 10.0;
		return new OutgoingReading(new Reading(run, devices[device], nextSeq[device]++, celsius),
				explicitHashKeys[device]);
	}

}
