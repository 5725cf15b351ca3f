package io.github.kpldeagg.it.network;

import io.github.kpldeagg.emulator.procnet.SocketEndpoint;

/**
 * A socket with a peer, seen in a sample: which process held it, and between which
 * endpoints.
 */
public record ObservedSocket(long pid, String command, String protocol, SocketEndpoint local, SocketEndpoint remote) {

	public boolean loopback() {
		return this.remote.loopback();
	}

	public int remotePort() {
		return this.remote.port();
	}

	@Override
	public String toString() {
		return this.protocol + " " + this.local + " -> " + this.remote + " by pid " + this.pid + " (" + this.command
				+ ")";
	}
}
