package io.github.kpldeagg.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.sun.net.httpserver.HttpServer;
import io.github.kpldeagg.emulator.procnet.ProcessSockets;
import io.github.kpldeagg.emulator.procnet.SocketEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class EmulatorProcessTests {

	private static final String NODE = NodeJs.fromEnvironment().node(KinesisLocal.PACKAGE).toString();

	@TempDir
	Path logs;

	@Test
	void anEmulatorThatExitsEarlyFailsWithTheTailOfItsLog() {
		assertThatThrownBy(() -> EmulatorProcess.launch("crashing", this.logs, 1,
				(ports) -> new ProcessBuilder(NODE, "-e", "console.error('no such option'); process.exit(3)")))
			.isInstanceOf(EmulatorUnavailableException.class)
			.hasMessageContaining("crashing exited with code 3 before it listened")
			.hasMessageContaining("no such option");
	}

	@Test
	void aServerThatTookThePortMeanwhileIsNotMistakenForTheEmulator() throws Exception {
		assumeTrue(ProcessSockets.supported(), "only Linux tells whose socket listens on a port");
		// Listens a second after its start, long after the other server began to answer
		// on its port.
		String lateServer = "setTimeout(() => require('http').createServer((q, r) => r.end('ok'))"
				+ ".listen(+process.argv[1], '127.0.0.1'), 1000);";
		List<HttpServer> otherServers = new ArrayList<>();
		try {
			try (EmulatorProcess emulator = EmulatorProcess.launch("racing", this.logs, 1, (ports) -> {
				if (otherServers.isEmpty()) {
					otherServers.add(answeringServer(ports[0]));
				}
				return new ProcessBuilder(NODE, "-e", lateServer, Integer.toString(ports[0]));
			})) {
				int takenPort = otherServers.get(0).getAddress().getPort();
				assertThat(emulator.port(0)).isNotEqualTo(takenPort);
				assertThat(ProcessSockets.listening(emulator.pid())).extracting(SocketEndpoint::port)
					.containsExactly(emulator.port(0));
				assertThat(this.logs.resolve("racing-" + takenPort + ".log")).content().contains("EADDRINUSE");
			}
		}
		finally {
			otherServers.forEach((server) -> server.stop(0));
		}
	}

	private static HttpServer answeringServer(int port) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(EmulatorProcess.LOOPBACK, port), 1);
			server.createContext("/", (exchange) -> {
				exchange.sendResponseHeaders(200, -1);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Test
	void closeKillsAProcessThatIgnoresSigterm() {
		String stubborn = "process.on('SIGTERM', () => console.log('ignoring SIGTERM'));"
				+ "require('http').createServer((q, r) => r.end('ok')).listen(+process.argv[1], '127.0.0.1');";
		EmulatorProcess emulator = EmulatorProcess.launch("stubborn", this.logs, 1,
				(ports) -> new ProcessBuilder(NODE, "-e", stubborn, Integer.toString(ports[0])));
		long pid = emulator.pid();

		emulator.close();

		assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEqualTo(Optional.empty());
		assertThat(this.logs.resolve("stubborn-" + emulator.port(0) + ".log")).content().contains("ignoring SIGTERM");
	}

}
