package io.github.kpldeagg.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.kpldeagg.emulator.Processes;

/**
 * Runs the sample as a user would, in a JVM of its own started with this test's class
 * path, and collects its console output in a log file under {@code target/sample-runs}.
 */
final class SampleAppProcess {

	private static final Duration TIMEOUT = Duration.ofMinutes(3);

	private static final Duration TERMINATION_GRACE = Duration.ofSeconds(15);

	private SampleAppProcess() {
	}

	/**
	 * Runs {@code SampleApplication} with {@code args} and the given PATH; kills it if it
	 * outlives the timeout.
	 */
	static Result run(String name, String searchPath, String... args) throws IOException, InterruptedException {
		return run(name, searchPath, List.of(), args);
	}

	/**
	 * Runs {@code SampleApplication} with {@code args}, the JVM options
	 * {@code jvmOptions} (such as system properties) and the given PATH.
	 */
	static Result run(String name, String searchPath, List<String> jvmOptions, String... args)
			throws IOException, InterruptedException {
		Path log = Path.of("target", "sample-runs", name + ".log").toAbsolutePath();
		Files.createDirectories(log.getParent());
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
		String emulatorCache = System.getProperty("kpl.emulator.cache");
		if (emulatorCache != null) {
			// The npm cache the build was given, so that the
			// run installs nothing elsewhere.
			command.add("-Dkpl.emulator.cache=" + emulatorCache);
		}
		command.addAll(jvmOptions);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), SampleApplication.class.getName()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().put("PATH", searchPath);
		// No AWS SDK in the app may ever probe the link-local metadata address.
		builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
		Process process = builder.start();
		if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
			// SIGTERM first, so that the sample's shutdown stops its emulator; then
			// whatever is left, by PID.
			Processes.stop(process, TERMINATION_GRACE);
			throw new AssertionError("The sample did not exit within " + TIMEOUT.toMinutes() + " minutes; see " + log);
		}
		return new Result(process.exitValue(), Files.readString(log), log);
	}

	/** The PATH of this JVM, in which the sample finds Node.js. */
	static String inheritedPath() {
		return System.getenv("PATH");
	}

	/** What a finished run printed and how it exited. */
	record Result(int exitCode, String output, Path log) {
	}

}
