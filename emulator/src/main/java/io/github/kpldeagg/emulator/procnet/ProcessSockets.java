package io.github.kpldeagg.emulator.procnet;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The sockets a Linux process has open: the inodes its {@code /proc/<pid>/fd} links name.
 *
 * @author The kpl-deagg maintainers
 */
public final class ProcessSockets {

	private static final String SOCKET_LINK_PREFIX = "socket:[";

	private ProcessSockets() {
	}

	/**
	 * Whether this system has the {@code /proc} files read here (Linux).
	 * @return whether this system has the {@code /proc} files read here (Linux)
	 */
	public static boolean supported() {
		return Files.isReadable(Path.of("/proc/self/net/tcp"));
	}

	/**
	 * The inodes of the process's open sockets; fails with an {@link IOException} once
	 * the process is gone.
	 * @param pid the pid
	 * @return the inodes of the process's open sockets
	 */
	public static Set<Long> inodes(long pid) throws IOException {
		Set<Long> inodes = new HashSet<>();
		try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
			for (Path descriptor : descriptors) {
				String target;
				try {
					target = Files.readSymbolicLink(descriptor).toString();
				}
				catch (IOException closedMeanwhile) {
					continue;
				}
				if (target.startsWith(SOCKET_LINK_PREFIX)) {
					inodes.add(Long.parseLong(target.substring(SOCKET_LINK_PREFIX.length(), target.length() - 1)));
				}
			}
		}
		return inodes;
	}

	/**
	 * The local endpoints on which the process itself listens for TCP connections.
	 * @param pid the pid
	 * @return the local endpoints on which the process itself listens for TCP connections
	 */
	public static List<SocketEndpoint> listening(long pid) throws IOException {
		Set<Long> inodes = inodes(pid);
		return Stream.concat(ProcNetTable.read(pid, "tcp").stream(), ProcNetTable.read(pid, "tcp6").stream())
			.filter((row) -> row.listening() && inodes.contains(row.inode()))
			.map(ProcNetTable.Row::local)
			.toList();
	}

}
