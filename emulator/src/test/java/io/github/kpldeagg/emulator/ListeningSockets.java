package io.github.kpldeagg.emulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The TCP sockets a process listens on, read from Linux's /proc. */
final class ListeningSockets {

    private static final String LISTEN_STATE = "0A";

    private ListeningSockets() {
    }

    static boolean supported() {
        return Files.isReadable(Path.of("/proc/net/tcp"));
    }

    static List<InetSocketAddress> of(long pid) throws IOException {
        Set<String> socketInodes;
        try (Stream<Path> descriptors = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            socketInodes = descriptors.map(ListeningSockets::linkTarget)
                    .filter(target -> target.startsWith("socket:["))
                    .map(target -> target.substring("socket:[".length(), target.length() - 1))
                    .collect(Collectors.toSet());
        }
        List<InetSocketAddress> listening = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.isReadable(path)) {
                continue;
            }
            List<String> lines = Files.readAllLines(path);
            for (String line : lines.subList(1, lines.size())) {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                String[] fields = line.trim().split("\\s+");
                if (fields[3].equals(LISTEN_STATE) && socketInodes.contains(fields[9])) {
                    listening.add(address(fields[1]));
                }
            }
        }
        return listening;
    }

    /** {@code 0100007F:1F90} is 127.0.0.1:8080: the address is in 32-bit words of host (little-endian) byte order. */
    private static InetSocketAddress address(String field) throws IOException {
        String[] hostAndPort = field.split(":");
        String hex = hostAndPort[0];
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int at = (word * 4 + 3 - i) * 2;
                bytes[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        return new InetSocketAddress(InetAddress.getByAddress(bytes), Integer.parseInt(hostAndPort[1], 16));
    }

    private static String linkTarget(Path descriptor) {
        try {
            return Files.readSymbolicLink(descriptor).toString();
        } catch (IOException closedMeanwhile) {
            return "";
        }
    }
}
