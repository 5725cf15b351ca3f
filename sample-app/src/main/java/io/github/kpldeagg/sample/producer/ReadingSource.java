package io.github.kpldeagg.sample.producer;

import java.math.BigInteger;
import java.util.Random;

import io.github.kpldeagg.sample.Reading;

/**
 * Readings of a few devices, drawn at random with a fixed seed. Every third device is
 * routed by an explicit hash key spread over the hash-key space, the others by their
 * partition key.
 *
 * @author The kpl-deagg maintainers
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
			this.devices[i] = String.format("device-%02d", i);
			if (i % 3 == 2) {
				this.explicitHashKeys[i] = HASH_KEY_SPACE.multiply(BigInteger.valueOf(i))
					.divide(BigInteger.valueOf(deviceCount))
					.toString();
			}
		}
	}

	OutgoingReading next() {
		int device = this.random.nextInt(this.devices.length);
		double celsius = Math.round((15 + 10 * this.random.nextDouble()) * 10) / 10.0;
		return new OutgoingReading(new Reading(this.run, this.devices[device], this.nextSeq[device]++, celsius),
				this.explicitHashKeys[device]);
	}

}
