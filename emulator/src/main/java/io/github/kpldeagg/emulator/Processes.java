package io.github.kpldeagg.emulator;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stopping a process that was started from this JVM.
 *
 * @author The kpl-deagg maintainers
 */
public final class Processes {

	private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);

	private Processes() {
	}

	/**
	 * Asks the process to end (SIGTERM) and waits up to {@code grace}; then kills it
	 * (SIGKILL) together with every process it started, which a killed process can no
	 * longer stop itself. Returns once it is gone, or after a few more seconds if even
	 * SIGKILL does not end it. An interrupt cuts the waiting short.
	 * @param process the process
	 * @param grace the grace
	 */
	public static void stop(Process process, Duration grace) {
		process.destroy();
		try {
			if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
				return;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		kill(process);
	}

	private static void kill(Process process) {
		List<ProcessHandle> descendants = process.descendants().toList();
		process.destroyForcibly();
		descendants.forEach(ProcessHandle::destroyForcibly);
		try {
			process.waitFor(KILL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
