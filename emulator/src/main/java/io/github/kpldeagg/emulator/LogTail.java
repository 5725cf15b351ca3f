package io.github.kpldeagg.emulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The end of a process's log, to put into an exception message.
 *
 * @author The kpl-deagg maintainers
 */
final class LogTail {

	private static final int LINES = 30;

	private LogTail() {
	}

	/**
	 * A message suffix: the log's path and its last lines, or why they could not be read.
	 * @param log the log
	 * @return a message suffix
	 */
	static String of(Path log) {
		try {
			List<String> lines = read(log).lines().toList();
			List<String> tail = lines.subList(Math.max(0, lines.size() - LINES), lines.size());
			return "; last lines of " + log + ":\n" + String.join("\n", tail);
		}
		catch (IOException ex) {
			return "; its log " + log + " could not be read: " + ex;
		}
	}

	static boolean contains(Path log, String text) {
		try {
			return read(log).contains(text);
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Lenient about encoding: a log is read to be shown, whatever bytes the process
	 * wrote.
	 * @param log the log
	 * @return the log's text
	 */
	private static String read(Path log) throws IOException {
		return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
	}

}
