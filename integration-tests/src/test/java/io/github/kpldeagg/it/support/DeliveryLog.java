package io.github.kpldeagg.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Deliveries appended to a file, one line each, by one write per line: a line a process
 * wrote is in the file even when the process is killed right after, so another process
 * can read what it received.
 */
public final class DeliveryLog implements DeliveryHandler {

	private final FileChannel file;

	public DeliveryLog(Path path) {
		try {
			this.file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
					StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot open " + path, ex);
		}
	}

	@Override
	public synchronized void handle(Delivery delivery) {
		ByteBuffer line = ByteBuffer.wrap((delivery.toLine() + "\n").getBytes(StandardCharsets.UTF_8));
		try {
			while (line.hasRemaining()) {
				this.file.write(line);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot log " + delivery, ex);
		}
	}

	/**
	 * The deliveries in a log, in the order they were written; none if there is no log
	 * yet.
	 */
	public static List<Delivery> read(Path path) {
		if (!Files.exists(path)) {
			return List.of();
		}
		try {
			return Files.readAllLines(path, StandardCharsets.UTF_8)
				.stream()
				.filter((line) -> !line.isEmpty())
				.map(Delivery::fromLine)
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + path, ex);
		}
	}

}
