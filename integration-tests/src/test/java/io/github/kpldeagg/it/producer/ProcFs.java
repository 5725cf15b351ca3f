package io.github.kpldeagg.it.producer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Linux process's CPU time and resident memory, from {@code /proc/<pid>/stat} and
 * {@code /proc/<pid>/status}.
 */
final class ProcFs {

	/** USER_HZ: the unit of utime and stime, 100 on every Linux kernel build in use. */
	private static final long TICKS_PER_SECOND = 100;

	private ProcFs() {
	}

	/** User plus system CPU time of the process (all its threads), in milliseconds. */
	static long cpuMillis(long pid) {
		String stat = read(pid, "stat");
		// Fields after the command name, which is in parentheses and may hold spaces:
		// state is field 3, utime field 14, stime field 15.
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
		long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		return ticks * 1000 / TICKS_PER_SECOND;
	}

	/** VmRSS, the resident set now, in KiB. */
	static long rssKib(long pid) {
		return statusKib(pid, "VmRSS:");
	}

	/** VmHWM, the most resident set the process has had, in KiB. */
	static long peakRssKib(long pid) {
		return statusKib(pid, "VmHWM:");
	}

	private static long statusKib(long pid, String field) {
		for (String line : read(pid, "status").split("\n")) {
			if (line.startsWith(field)) {
				return Long.parseLong(line.substring(field.length()).replace("kB", "").trim());
			}
		}
		throw new IllegalStateException("No " + field + " in /proc/" + pid + "/status");
	}

	private static String read(long pid, String file) {
		try {
			return Files.readString(Path.of("/proc", Long.toString(pid), file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
