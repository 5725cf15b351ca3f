package io.github.kpldeagg.it.network;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A summary of what a watch saw: per command, how many distinct sockets and to which
 * peers.
 */
final class NetworkReport {

	private NetworkReport() {
	}

	static String of(NetworkWatch watch) {
		Set<ObservedSocket> observed = watch.observed();
		Map<String, Set<String>> peersByCommand = observed.stream()
			.collect(Collectors.groupingBy(
					(socket) -> socket.command().substring(socket.command().lastIndexOf('/') + 1), TreeMap::new,
					Collectors.mapping((socket) -> socket.protocol() + " " + socket.remote().address().getHostAddress(),
							Collectors.toCollection(TreeSet::new))));
		long offLoopback = observed.stream().filter((socket) -> !socket.loopback()).count();
		StringBuilder report = new StringBuilder(LoopbackOnly.inLoopbackNamespace()
				? "Network namespace of the test processes: loopback only.\n" : "Network namespace: the machine's.\n")
			.append("Network watch: ")
			.append(watch.samples())
			.append(" samples every ")
			.append(NetworkWatch.INTERVAL.toMillis())
			.append(" ms (")
			.append(watch.meanSampleTime().toMillis())
			.append(" ms each), ")
			.append(observed.size())
			.append(" distinct sockets with a peer in ")
			.append(observed.stream().map(ObservedSocket::pid).distinct().count())
			.append(" processes, ")
			.append(offLoopback)
			.append(" off loopback");
		peersByCommand.forEach((command, peers) -> report.append("\n  ").append(command).append(": ").append(peers));
		return report.toString();
	}

}
