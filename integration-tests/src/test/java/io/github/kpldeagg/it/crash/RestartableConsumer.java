package io.github.kpldeagg.it.crash;

import java.nio.file.Path;
import java.util.List;

import io.github.kpldeagg.it.support.ConsumerSettings;

/**
 * One consumer of a group that a test kills and starts again: a {@link CrashingConsumer}
 * JVM per incarnation, each with its own log, all appending what they receive to one file
 * and applying it to the group's effects.
 */
final class RestartableConsumer implements AutoCloseable {

	private final String name;

	private final List<String> arguments;

	private final Path directory;

	private ChildJvm current;

	private int incarnations;

	RestartableConsumer(String name, ConsumerSettings settings, Path directory, Path effects) {
		this.name = name;
		this.directory = directory;
		this.arguments = CrashingConsumer.arguments(settings.instance(name), received(), effects, null);
	}

	void start() {
		this.incarnations++;
		this.current = ChildJvm.start(CrashingConsumer.class, this.arguments,
				this.directory.resolve("consumer-" + this.name + "-" + this.incarnations + ".log"));
	}

	/**
	 * SIGKILL to the running incarnation: no shutdown, no last checkpoint, its shard
	 * locks left to expire.
	 */
	void kill() throws InterruptedException {
		this.current.kill();
	}

	boolean isAlive() {
		return this.current != null && this.current.isAlive();
	}

	Path received() {
		return this.directory.resolve("received-" + this.name + ".log");
	}

	/**
	 * How much it has received so far, in bytes of its log: growing while it reads
	 * shards.
	 */
	long receivedBytes() {
		return received().toFile().length();
	}

	@Override
	public void close() {
		if (this.current != null) {
			this.current.close();
		}
	}

	@Override
	public String toString() {
		return "consumer " + this.name + " (" + this.current + ")";
	}

}
