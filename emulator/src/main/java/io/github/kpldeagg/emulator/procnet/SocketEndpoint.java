package io.github.kpldeagg.emulator.procnet;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An address and port as Linux writes them in {@code /proc/net/tcp} and its siblings: hex
 * digits of the address in the kernel's byte order (each 32-bit word little-endian), a
 * colon, the port in hex.
 *
 * @param address the address
 * @param port the port
 * @author The kpl-deagg maintainers
 */
public record SocketEndpoint(InetAddress address, int port) {

	/** {@code 0100007F:1F90} is 127.0.0.1:8080. */
	public static SocketEndpoint parse(String procNetField) {
		int colon = procNetField.indexOf(':');
		String hexAddress = procNetField.substring(0, colon);
		byte[] bytes = new byte[hexAddress.length() / 2];
		for (int word = 0; word < bytes.length / 4; word++) {
			for (int i = 0; i < 4; i++) {
				int hexIndex = (word * 4 + i) * 2;
				bytes[word * 4 + 3 - i] = (byte) Integer.parseInt(hexAddress.substring(hexIndex, hexIndex + 2), 16);
			}
		}
		try {
			return new SocketEndpoint(InetAddress.getByAddress(bytes),
					Integer.parseInt(procNetField.substring(colon + 1), 16));
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("Not an address: " + procNetField, ex);
		}
	}

	/** No peer: a listening or unconnected socket (0.0.0.0:0 or [::]:0). */
	public boolean unspecified() {
		return this.address.isAnyLocalAddress() && this.port == 0;
	}

	/**
	 * 127.0.0.0/8, ::1, or IPv4 loopback mapped into IPv6 (which InetAddress already
	 * turns into IPv4).
	 */
	public boolean loopback() {
		return this.address.isLoopbackAddress();
	}

	@Override
	public String toString() {
		return this.address.getHostAddress() + ":" + this.port + ((this.address.getAddress().length == 16)
				? " (" + new BigInteger(1, this.address.getAddress()).toString(16) + ")" : "");
	}
}
