package io.github.kpldeagg.benchmarks.fanout;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.github.kpldeagg.benchmarks.JmhResults;
import org.openjdk.jmh.results.RunResult;

/**
 * Runs {@link FanOutBenchmark} with the GC profiler and prints the README's tables: user
 * records per second of each path, deaggregated against plain and against the binding
 * alone, the share of the aggregate's MD5 check, and bytes allocated per user record.
 * Takes JMH's command-line options.
 *
 * @author The kpl-deagg maintainers
 */
public final class FanOutReport {

	private FanOutReport() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, Map<String, RunResult>> byCase = new TreeMap<>();
		for (RunResult result : JmhResults.run(FanOutBenchmark.class, args)) {
			String fanOutCase = result.getParams().getParam("userRecords") + " | "
					+ result.getParams().getParam("payloadBytes") + " B";
			byCase.computeIfAbsent(fanOutCase, (key) -> new TreeMap<>()).put(JmhResults.method(result), result);
		}
		System.out.println("| user records | payload | deaggregated rec/s | plain rec/s | binding only rec/s"
				+ " | deaggregated/plain | deaggregated/binding only | B/rec deaggregated | B/rec plain"
				+ " | B/rec binding only |");
		System.out.println("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
		byCase.forEach((fanOutCase, results) -> row(fanOutCase, results, "deaggregated", "plain", "bindingOnly"));
		System.out.println();
		System.out.println("The aggregate's MD5 check, which plain records do not have:");
		System.out.println();
		System.out.println("| user records | payload | MD5 µs/rec | deaggregated µs/rec | plain µs/rec"
				+ " | deaggregated without the MD5 / plain |");
		System.out.println("|--:|--:|--:|--:|--:|--:|");
		byCase.forEach(FanOutReport::md5Row);
		System.out.println();
		System.out.println("Binding that embeds headers (the binder's default):");
		System.out.println();
		System.out.println("| user records | payload | deaggregated rec/s | plain rec/s | deaggregated/plain"
				+ " | B/rec deaggregated | B/rec plain |");
		System.out.println("|--:|--:|--:|--:|--:|--:|--:|");
		byCase.forEach(
				(fanOutCase, results) -> row(fanOutCase, results, "deaggregatedEmbedHeaders", "plainEmbedHeaders"));
	}

	private static void md5Row(String fanOutCase, Map<String, RunResult> results) {
		RunResult md5 = results.get("aggregateMd5");
		RunResult deaggregated = results.get("deaggregated");
		RunResult plain = results.get("plain");
		if (md5 == null || deaggregated == null || plain == null) {
			return;
		}
		int userRecords = userRecords(fanOutCase);
		double md5Micros = microsPerUserRecord(md5, userRecords);
		double deaggregatedMicros = microsPerUserRecord(deaggregated, userRecords);
		double plainMicros = microsPerUserRecord(plain, userRecords);
		System.out.println(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f |", fanOutCase, md5Micros,
				deaggregatedMicros, plainMicros, plainMicros / (deaggregatedMicros - md5Micros)));
	}

	private static double microsPerUserRecord(RunResult result, int userRecords) {
		return 1e6 / JmhResults.score(result) / userRecords;
	}

	private static int userRecords(String fanOutCase) {
		return Integer.parseInt(fanOutCase.substring(0, fanOutCase.indexOf(' ')));
	}

	/**
	 * The first method against each other one; a case lacking one of them is left out.
	 * @param fanOutCase the fan out case
	 * @param results the results
	 * @param methods the methods
	 */
	private static void row(String fanOutCase, Map<String, RunResult> results, String... methods) {
		StringBuilder rates = new StringBuilder();
		StringBuilder ratios = new StringBuilder();
		StringBuilder allocations = new StringBuilder();
		int userRecords = userRecords(fanOutCase);
		RunResult deaggregated = results.get(methods[0]);
		if (deaggregated == null) {
			return;
		}
		for (String method : methods) {
			RunResult result = results.get(method);
			if (result == null) {
				return;
			}
			rates.append(" | ").append(JmhResults.thousandRecordsPerSecond(result, userRecords));
			if (result != deaggregated) {
				ratios.append(String.format(Locale.ROOT, " | %.2f",
						JmhResults.score(deaggregated) / JmhResults.score(result)));
			}
			allocations.append(
					String.format(Locale.ROOT, " | %.0f", JmhResults.allocatedBytesPerOperation(result) / userRecords));
		}
		System.out.println("| " + fanOutCase + rates + ratios + allocations + " |");
	}

}
