package io.github.kpldeagg.it.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.kpldeagg.emulator.Processes;

/**
 * A JVM started from this one, with this JVM's classpath,
 * {@code AWS_EC2_METADATA_DISABLED=true} in its environment and its output in a log file;
 * stopped by PID, killed if it does not stop in time.
 */
public final class ChildJvm implements AutoCloseable {

	private static final Duration STOP_GRACE = Duration.ofSeconds(30);

	private final Process process;

	private final Path log;

	private ChildJvm(Process process, Path log) {
		this.process = process;
		this.log = log;
	}

	public static ChildJvm start(Class<?> mainClass, List<String> arguments, Path log) {
		return start(List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), mainClass, arguments, log);
	}

	/**
	 * A JVM with these options instead of the defaults (which make it start fast and
	 * compile only with C1).
	 */
	public static ChildJvm start(List<String> jvmOptions, Class<?> mainClass, List<String> arguments, Path log) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		// No AWS SDK in a child may ever probe the link-local metadata address.
		builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
		try {
			return new ChildJvm(builder.start(), log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + mainClass.getName(), ex);
		}
	}

	/** Waits for the JVM to end by itself and returns its exit status. */
	public int awaitExit(Duration timeout) throws InterruptedException {
		if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new AssertionError("The child JVM did not exit within " + timeout + "; see " + this.log);
		}
		return this.process.exitValue();
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * SIGKILL, as a crash or the kernel's OOM killer would end it, and waits until it is
	 * gone.
	 */
	public void kill() throws InterruptedException {
		this.process.destroyForcibly();
		if (!this.process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException(this + " survived SIGKILL for " + STOP_GRACE);
		}
	}

	/** SIGTERM; after {@link #STOP_GRACE}, SIGKILL to the JVM and whatever it started. */
	@Override
	public void close() {
		Processes.stop(this.process, STOP_GRACE);
	}

	@Override
	public String toString() {
		return "child JVM " + this.process.pid() + " (log " + this.log + ")";
	}

}
