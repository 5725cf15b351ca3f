package io.github.kpldeagg.it.crash;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

import io.github.kpldeagg.it.support.Delivery;
import io.github.kpldeagg.it.support.DeliveryHandler;
import io.github.kpldeagg.it.support.DeliveryLog;
import io.github.kpldeagg.it.support.UserRecordId;

/**
 * How a consumer gets exactly-once effects from at-least-once delivery: it drops a user
 * record whose identity (stream, shard, sequence and sub-sequence number) it has already
 * applied. The effect is a line in a file, and that same line records the identity as
 * applied, so a crash cannot separate them. Consumers in several JVMs share the file:
 * each applies under an exclusive lock on it (which the kernel releases when a JVM dies),
 * after reading the identities the others appended since it last looked.
 */
final class IdempotentEffects implements DeliveryHandler {

	private final FileChannel file;

	private final DeliveryLog effects;

	private final Set<UserRecordId> applied = new HashSet<>();

	private final ByteArrayOutputStream partialLine = new ByteArrayOutputStream();

	private long readUpTo;

	IdempotentEffects(Path path) {
		this.effects = new DeliveryLog(path);
		try {
			this.file = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot open " + path, ex);
		}
	}

	@Override
	public synchronized void handle(Delivery delivery) {
		try (FileLock lock = this.file.lock()) {
			catchUp();
			if (this.applied.add(delivery.id())) {
				this.effects.handle(delivery);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot apply " + delivery, ex);
		}
	}

	/** Reads the identities appended since the last look, by this JVM or another one. */
	private void catchUp() throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
		int read;
		while ((read = this.file.read(buffer, this.readUpTo)) > 0) {
			this.readUpTo += read;
			for (int i = 0; i < read; i++) {
				byte next = buffer.get(i);
				if (next == '\n') {
					this.applied.add(Delivery.fromLine(this.partialLine.toString(StandardCharsets.UTF_8)).id());
					this.partialLine.reset();
				}
				else {
					this.partialLine.write(next);
				}
			}
			buffer.clear();
		}
	}

}
