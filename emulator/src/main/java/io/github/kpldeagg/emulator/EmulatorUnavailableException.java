package io.github.kpldeagg.emulator;

/**
 * An emulator could not be installed or started: Node.js or npm is missing, npm failed,
 * or the emulator did not start listening. The message says what to do; it carries the
 * tail of the emulator's log when there is one.
 *
 * @author The kpl-deagg maintainers
 */
public class EmulatorUnavailableException extends RuntimeException {

	public EmulatorUnavailableException(String message) {
		super(message);
	}

	public EmulatorUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
