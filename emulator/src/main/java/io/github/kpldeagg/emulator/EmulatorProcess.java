package io.github.kpldeagg.emulator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.github.kpldeagg.emulator.procnet.ProcessSockets;
import io.github.kpldeagg.emulator.procnet.SocketEndpoint;

/**
 * An emulator's process on free loopback ports: started with its output in a log file,
 * awaited until it listens on every port itself and every port answers, and stopped by
 * PID, also when the JVM exits without {@link #close()}.
 *
 * @author The kpl-deagg maintainers
 */
final class EmulatorProcess implements AutoCloseable {

	/**
	 * IPv4 loopback, also when the JVM prefers IPv6: the emulators listen on 127.0.0.1
	 * only.
	 */
	static final String LOOPBACK = "127.0.0.1";

	private static final int START_ATTEMPTS = 3;

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

	private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

	private static final byte[] PROBE_REQUEST = ("GET / HTTP/1.1\r\nHost: " + LOOPBACK
			+ "\r\nConnection: close\r\n\r\n")
		.getBytes(StandardCharsets.US_ASCII);

	// kinesis-local ignores SIGTERM while a client keeps a connection open.
	private static final Duration TERMINATION_GRACE = Duration.ofSeconds(3);

	private final String name;

	private final Process process;

	private final int[] ports;

	private final Path log;

	private final Thread shutdownHook;

	private EmulatorProcess(String name, Process process, int[] ports, Path log) {
		this.name = name;
		this.process = process;
		this.ports = ports;
		this.log = log;
		this.shutdownHook = new Thread(this::stop, name + "-shutdown");
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
	}

	/**
	 * Starts the command built for {@code portCount} free loopback ports and waits until
	 * it listens on all of them; picks new ports when another process took one first.
	 * @param name the name
	 * @param logDirectory the log directory
	 * @param portCount the port count
	 * @param commandOnPorts builds the command for the chosen ports
	 * @return the started process, listening on all its ports
	 */
	static EmulatorProcess launch(String name, Path logDirectory, int portCount,
			Function<int[], ProcessBuilder> commandOnPorts) {
		for (int attempt = 1;; attempt++) {
			int[] ports = freeLoopbackPorts(portCount);
			Path log = logDirectory.resolve(name + "-" + ports[0] + ".log");
			EmulatorProcess emulator = new EmulatorProcess(name, start(commandOnPorts.apply(ports), log), ports, log);
			try {
				if (emulator.awaitListening()) {
					return emulator;
				}
			}
			catch (RuntimeException ex) {
				emulator.close();
				throw ex;
			}
			emulator.close();
			if (attempt == START_ATTEMPTS) {
				throw new EmulatorUnavailableException(
						name + " lost the race for a free port " + START_ATTEMPTS + " times" + LogTail.of(log));
			}
		}
	}

	int port(int index) {
		return this.ports[index];
	}

	long pid() {
		return this.process.pid();
	}

	/**
	 * Stops the process (SIGTERM, then SIGKILL after a grace period) and waits until it
	 * is gone.
	 */
	@Override
	public void close() {
		stop();
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException jvmShuttingDown) {
			// The hook is running or about to: nothing left to unregister.
		}
	}

	private static Process start(ProcessBuilder command, Path log) {
		// No AWS SDK in an emulator may ever probe the link-local metadata address.
		command.environment().put("AWS_EC2_METADATA_DISABLED", "true");
		try {
			Files.createDirectories(log.getParent());
			return command.redirectErrorStream(true).redirectOutput(log.toFile()).start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + command.command(), ex);
		}
	}

	/**
	 * True once the process listens on every port, false if it lost a port to another
	 * process.
	 * @return true once the process listens on every port, false if it lost a port to
	 * another process
	 */
	private boolean awaitListening() {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				if (LogTail.contains(this.log, "EADDRINUSE")) {
					return false;
				}
				throw new EmulatorUnavailableException(this.name + " exited with code " + this.process.exitValue()
						+ " before it listened" + LogTail.of(this.log));
			}
			if (listensOnAllPorts() && allPortsAnswer()) {
				return true;
			}
			sleep(POLL_INTERVAL);
		}
		throw new EmulatorUnavailableException(this.name + " did not listen on " + LOOPBACK + " ports "
				+ Arrays.toString(this.ports) + " within " + START_TIMEOUT.toSeconds() + " s" + LogTail.of(this.log));
	}

	/**
	 * Whether the listening sockets on the ports are this process's own: a server that
	 * another process started on one of them meanwhile answers too. Only Linux tells;
	 * elsewhere the answer must do.
	 * @return whether the listening sockets on the ports are this process's own
	 */
	private boolean listensOnAllPorts() {
		if (!ProcessSockets.supported()) {
			return true;
		}
		try {
			Set<Integer> listening = ProcessSockets.listening(this.process.pid())
				.stream()
				.map(SocketEndpoint::port)
				.collect(Collectors.toSet());
			return Arrays.stream(this.ports).allMatch(listening::contains);
		}
		catch (IOException exited) {
			return false;
		}
	}

	private boolean allPortsAnswer() {
		for (int port : this.ports) {
			if (!answers(port)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Sends a request and reads until the server closes. A connection closed before any
	 * request would stay open on kinesis-local's side and make it ignore SIGTERM; on the
	 * TLS port the plain-text request ends in a failed handshake, which closes it just as
	 * well.
	 * @param port the port
	 * @return whether the server answered
	 */
	private static boolean answers(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(LOOPBACK, port), (int) PROBE_TIMEOUT.toMillis());
			socket.setSoTimeout((int) PROBE_TIMEOUT.toMillis());
			socket.getOutputStream().write(PROBE_REQUEST);
			socket.getInputStream().transferTo(OutputStream.nullOutputStream());
			return true;
		}
		catch (IOException notYet) {
			return false;
		}
	}

	private void stop() {
		Processes.stop(this.process, TERMINATION_GRACE);
	}

	/**
	 * Ports the OS just handed out on 127.0.0.1, all held at once so that they differ.
	 * @param count the count
	 * @return the ports
	 */
	private static int[] freeLoopbackPorts(int count) {
		List<ServerSocket> sockets = new ArrayList<>();
		try {
			for (int i = 0; i < count; i++) {
				ServerSocket socket = new ServerSocket();
				sockets.add(socket);
				socket.bind(new InetSocketAddress(LOOPBACK, 0), 1);
			}
			return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot find a free port on " + LOOPBACK, ex);
		}
		finally {
			for (ServerSocket socket : sockets) {
				try {
					socket.close();
				}
				catch (IOException ignored) {
					// Closing an unconnected server socket does not fail in practice.
				}
			}
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new EmulatorUnavailableException("Interrupted while waiting for an emulator to listen", ex);
		}
	}

}
