package io.github.kpldeagg.emulator;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessesTests {

	private static final Duration GRACE = Duration.ofMillis(500);

	private static final int SIGTERM_EXIT_CODE = 128 + 15;

	@Test
	void aProcessThatEndsOnSigtermIsNotKilled() throws Exception {
		Process sleeping = new ProcessBuilder("sleep", "300").start();

		Processes.stop(sleeping, GRACE);

		assertThat(sleeping.isAlive()).isFalse();
		assertThat(sleeping.exitValue()).isEqualTo(SIGTERM_EXIT_CODE);
	}

	@Test
	void aProcessThatIgnoresSigtermIsKilledWithWhatItStarted() throws Exception {
		// The child inherits the ignored SIGTERM, as a child that a stubborn parent was
		// to stop would outlive it.
		Process stubborn = new ProcessBuilder("bash", "-c", "trap '' TERM; sleep 300 & wait").start();
		List<ProcessHandle> children = awaitChildren(stubborn);
		try {
			Processes.stop(stubborn, GRACE);

			assertThat(stubborn.isAlive()).isFalse();
			assertThat(children).isNotEmpty()
				.allSatisfy((child) -> assertThat(child.onExit()).succeedsWithin(Duration.ofSeconds(5)));
		}
		finally {
			children.forEach(ProcessHandle::destroyForcibly);
		}
	}

	private static List<ProcessHandle> awaitChildren(Process process) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (process.children().findAny().isEmpty() && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		return process.children().toList();
	}

}
