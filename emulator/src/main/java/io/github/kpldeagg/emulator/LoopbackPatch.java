package io.github.kpldeagg.emulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * kinesis-local binds both its servers to 0.0.0.0 and has no setting for the host. This
 * writes a copy of its {@code main.js} that binds 127.0.0.1 instead, beside the original
 * so that the copy finds {@code server.json} (its TLS certificate) the same way.
 *
 * @author The kpl-deagg maintainers
 */
final class LoopbackPatch {

	static final String LOOPBACK_MAIN = "main-loopback.js";

	/**
	 * The one host both ember servers (TLS and plain) are built with, in kinesis-local
	 * 0.6.2's Scala.js output.
	 */
	static final String BIND_ALL_INTERFACES = "$m_Lcom_comcast_ip4s_Host$().em(\"0.0.0.0\")";
	static final String BIND_LOOPBACK = "$m_Lcom_comcast_ip4s_Host$().em(\"127.0.0.1\")";

	private LoopbackPatch() {
	}

	/**
	 * Writes {@value #LOOPBACK_MAIN}; fails if {@code main.js} does not bind 0.0.0.0
	 * exactly as expected.
	 * @param packageDirectory the package directory
	 */
	static void writeLoopbackMain(Path packageDirectory) throws IOException {
		String main = Files.readString(packageDirectory.resolve("main.js"), StandardCharsets.UTF_8);
		int bind = main.indexOf(BIND_ALL_INTERFACES);
		if (bind < 0 || main.indexOf(BIND_ALL_INTERFACES, bind + 1) >= 0) {
			throw new EmulatorUnavailableException("Cannot keep kinesis-local on loopback: expected exactly one "
					+ BIND_ALL_INTERFACES + " in " + packageDirectory.resolve("main.js") + ", found "
					+ ((bind < 0) ? "none" : "several") + ". Was another version installed?");
		}
		String patched = main.substring(0, bind) + BIND_LOOPBACK + main.substring(bind + BIND_ALL_INTERFACES.length());
		Files.writeString(packageDirectory.resolve(LOOPBACK_MAIN), patched, StandardCharsets.UTF_8);
	}

}
