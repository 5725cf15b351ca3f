package io.github.kpldeagg.it.network;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Store.CloseableResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fails a test class when any process of the test run (this JVM and everything it
 * started) had a socket whose peer was not on loopback, or when the build said the run
 * has a network namespace of its own ({@value #LOOPBACK_NAMESPACE_VARIABLE}) and this JVM
 * sees an interface other than loopback.
 * <p>
 * One {@link NetworkWatch} serves the whole run. Register this after the extension that
 * starts the emulators, so that npm's download from its registry, done once per machine,
 * is not watched.
 */
public final class LoopbackOnly implements BeforeAllCallback, AfterAllCallback {

	/**
	 * Set by the failsafe JVM's launcher when it runs the tests in a network namespace
	 * with only loopback in it.
	 */
	static final String LOOPBACK_NAMESPACE_VARIABLE = "KPL_IT_LOOPBACK_NAMESPACE";

	private static volatile NetworkWatch watch;

	/** The run's watch; started by the first test class that uses this extension. */
	public static NetworkWatch watch() {
		if (watch == null) {
			throw new IllegalStateException(
					"No test class with " + LoopbackOnly.class.getSimpleName() + " has started");
		}
		return watch;
	}

	@Override
	public void beforeAll(ExtensionContext context) throws SocketException {
		assertThat(System.getenv("AWS_EC2_METADATA_DISABLED"))
			.as("AWS_EC2_METADATA_DISABLED in the environment of the test JVM")
			.isEqualTo("true");
		if (inLoopbackNamespace()) {
			assertThat(NetworkInterface.networkInterfaces())
				.as("network interfaces of the test JVM's own network namespace")
				.allMatch(LoopbackOnly::isLoopback);
		}
		context.getRoot()
			.getStore(ExtensionContext.Namespace.GLOBAL)
			.getOrComputeIfAbsent(LoopbackOnly.class, (key) -> new RunWatch(), RunWatch.class);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		NetworkWatch current = watch();
		current.sampleNow();
		List<ObservedSocket> offLoopback = current.observed().stream().filter((socket) -> !socket.loopback()).toList();
		assertThat(offLoopback)
			.as("sockets of test processes with a peer off loopback, in %d samples", current.samples())
			.isEmpty();
	}

	/**
	 * Whether this JVM runs in a network namespace of its own with only loopback in it.
	 */
	static boolean inLoopbackNamespace() {
		return Boolean.parseBoolean(System.getenv(LOOPBACK_NAMESPACE_VARIABLE));
	}

	private static boolean isLoopback(NetworkInterface networkInterface) {
		try {
			return networkInterface.isLoopback();
		}
		catch (SocketException ex) {
			throw new IllegalStateException("Cannot inspect " + networkInterface, ex);
		}
	}

	/** Stops the run's watch when the test run ends, after printing what it saw. */
	private static final class RunWatch implements CloseableResource {

		RunWatch() {
			watch = NetworkWatch.start();
		}

		@Override
		public void close() {
			NetworkWatch ending = watch;
			ending.sampleNow();
			System.out.println(NetworkReport.of(ending));
			ending.close();
		}

	}

}
