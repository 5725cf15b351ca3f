package io.github.kpldeagg.emulator.procnet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One of {@code /proc/<pid>/net/tcp}, {@code tcp6}, {@code udp}, {@code udp6}: every
 * socket of the network namespace with its local and remote endpoint, its state and the
 * inode that names it in {@code /proc/<pid>/fd}.
 *
 * @author The kpl-deagg maintainers
 */
public final class ProcNetTable {

	private static final int LOCAL_FIELD = 1;

	private static final int REMOTE_FIELD = 2;

	private static final int STATE_FIELD = 3;

	private static final int INODE_FIELD = 9;

	private ProcNetTable() {
	}

	/**
	 * The rows of table {@code protocol} of the process's network namespace, none if the
	 * kernel has no such table (tcp6 without IPv6); fails with an {@link IOException}
	 * once the process is gone.
	 * @param pid the pid
	 * @param protocol the protocol
	 * @return the rows of table {@code protocol} of the process's network namespace, none
	 * if the kernel has no such table (tcp6 without IPv6)
	 */
	public static List<Row> read(long pid, String protocol) throws IOException {
		Path process = Path.of("/proc", Long.toString(pid));
		try {
			return parse(protocol, Files.readString(process.resolve("net").resolve(protocol)));
		}
		catch (NoSuchFileException ex) {
			if (Files.isDirectory(process)) {
				return List.of();
			}
			throw ex;
		}
	}

	/**
	 * The rows of a table's text; the first line is the header.
	 * @param protocol the protocol
	 * @param text the text
	 * @return the rows of a table's text
	 */
	public static List<Row> parse(String protocol, String text) {
		List<Row> rows = new ArrayList<>();
		List<String> lines = text.lines().toList();
		for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
			String[] fields = line.trim().split("\\s+");
			if (fields.length > INODE_FIELD) {
				rows.add(new Row(protocol, SocketEndpoint.parse(fields[LOCAL_FIELD]),
						SocketEndpoint.parse(fields[REMOTE_FIELD]), fields[STATE_FIELD],
						Long.parseLong(fields[INODE_FIELD])));
			}
		}
		return rows;
	}

	/**
	 * A socket of the table; {@code state} is the kernel's hex code of the TCP state (UDP
	 * sockets use 01 and 07).
	 *
	 * @param inode the inode
	 * @param local the local
	 * @param protocol the protocol
	 * @param remote the remote
	 * @param state the state
	 */
	public record Row(String protocol, SocketEndpoint local, SocketEndpoint remote, String state, long inode) {

		private static final String TCP_LISTEN = "0A";

		public boolean listening() {
			return this.state.equals(TCP_LISTEN);
		}
	}

}
