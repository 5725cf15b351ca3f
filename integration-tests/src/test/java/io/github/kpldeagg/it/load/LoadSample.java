package io.github.kpldeagg.it.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a {@link CountingConsumer} reports: when the application started its bindings
 * ({@link System#nanoTime()}) and the JVM's CPU time then, the user records received,
 * when the first and the last arrived, the most heap in use at any sample, and the JVM's
 * CPU time so far.
 */
record LoadSample(long startedAtNanos, long cpuAtStartNanos, long count, long firstAtNanos, long lastAtNanos,
		long maxHeapUsedBytes, long cpuNanos) {

	static final LoadSample NONE = new LoadSample(0, 0, 0, 0, 0, 0, 0);

	String toLine() {
		return this.startedAtNanos + " " + this.cpuAtStartNanos + " " + this.count + " " + this.firstAtNanos + " "
				+ this.lastAtNanos + " " + this.maxHeapUsedBytes + " " + this.cpuNanos;
	}

	/** The latest sample in the file, {@link #NONE} before the first. */
	static LoadSample read(Path progress) {
		if (!Files.exists(progress)) {
			return NONE;
		}
		try {
			String[] fields = Files.readString(progress, StandardCharsets.UTF_8).trim().split(" ");
			return new LoadSample(Long.parseLong(fields[0]), Long.parseLong(fields[1]), Long.parseLong(fields[2]),
					Long.parseLong(fields[3]), Long.parseLong(fields[4]), Long.parseLong(fields[5]),
					Long.parseLong(fields[6]));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + progress, ex);
		}
	}
}
