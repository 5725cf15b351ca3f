package io.github.kpldeagg.it.network;

import java.util.ArrayList;
import java.util.List;

/**
 * One of {@code /proc/<pid>/net/tcp}, {@code tcp6}, {@code udp}, {@code udp6}: every socket of the network
 * namespace with its local and remote endpoint and the inode that names it in {@code /proc/<pid>/fd}.
 */
final class ProcNetTable {

    record Row(String protocol, SocketEndpoint local, SocketEndpoint remote, long inode) {
    }

    private static final int LOCAL_FIELD = 1;
    private static final int REMOTE_FIELD = 2;
    private static final int INODE_FIELD = 9;

    private ProcNetTable() {
    }

    /** The rows of a table's text; the first line is the header. */
    static List<Row> parse(String protocol, String text) {
        List<Row> rows = new ArrayList<>();
        List<String> lines = text.lines().toList();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length > INODE_FIELD) {
                rows.add(new Row(protocol, SocketEndpoint.parse(fields[LOCAL_FIELD]),
                        SocketEndpoint.parse(fields[REMOTE_FIELD]), Long.parseLong(fields[INODE_FIELD])));
            }
        }
        return rows;
    }
}
