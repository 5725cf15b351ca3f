package io.github.kpldeagg.it.network;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The watch sees the sockets of this JVM and of the processes it starts. */
class NetworkWatchTests {

	@Test
	void seesAConnectionOfThisJvm() throws Exception {
		try (NetworkWatch watch = NetworkWatch.start();
				ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				Socket client = new Socket()) {
			client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
			watch.sampleNow();

			assertThat(watch.observed()).anyMatch((socket) -> socket.pid() == ProcessHandle.current().pid()
					&& socket.remotePort() == server.getLocalPort() && socket.loopback());
		}
	}

	@Test
	void seesAConnectionOfAChildProcess() throws Exception {
		try (NetworkWatch watch = NetworkWatch.start();
				ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			// A shell that connects to the server through bash's /dev/tcp and waits for
			// its input to end.
			Process child = new ProcessBuilder("bash", "-c",
					"exec 3<>/dev/tcp/127.0.0.1/" + server.getLocalPort() + "; read line")
				.start();
			try (Socket accepted = server.accept()) {
				watch.sampleNow();

				assertThat(watch.observed()).anyMatch((socket) -> socket.pid() == child.pid()
						&& socket.remotePort() == server.getLocalPort() && socket.loopback());
			}
			finally {
				child.getOutputStream().close();
				child.waitFor();
			}
		}
	}

}
