package io.github.kpldeagg.emulator.procnet;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ProcessSocketsTests {

	private static final long THIS_JVM = ProcessHandle.current().pid();

	@BeforeEach
	void onLinux() {
		assumeTrue(ProcessSockets.supported(), "needs Linux /proc");
	}

	@Test
	void aServerSocketOfThisJvmIsListedWithItsAddressButNotItsConnections() throws IOException {
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
				Socket accepted = server.accept()) {

			assertThat(ProcessSockets.listening(THIS_JVM))
				.filteredOn((endpoint) -> endpoint.port() == server.getLocalPort())
				.singleElement()
				.returns(true, SocketEndpoint::loopback);
			assertThat(ProcessSockets.listening(THIS_JVM)).extracting(SocketEndpoint::port)
				.doesNotContain(client.getLocalPort());
		}
	}

	@Test
	void aServerOfThisJvmIsNotListedForAnotherProcessNorForAnEndedOne() throws Exception {
		Process other = new ProcessBuilder("bash", "-c", "exec sleep 30").start();
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			assertThat(ProcessSockets.listening(other.pid())).extracting(SocketEndpoint::port)
				.doesNotContain(server.getLocalPort());
		}
		finally {
			other.destroyForcibly().waitFor();
		}
		assertThatThrownBy(() -> ProcessSockets.inodes(other.pid())).isInstanceOf(IOException.class);
	}

}
