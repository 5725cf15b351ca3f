package io.github.kpldeagg.benchmarks;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.openjdk.jmh.results.RunResult;

/**
 * Runs {@link DeaggregationBenchmark} with the GC profiler and prints the README's table:
 * JMH's aggregates per second turned into user records per second, the ratios the targets
 * are stated in, and bytes allocated per user record. Takes JMH's command-line options.
 *
 * @author The kpl-deagg maintainers
 */
public final class MarkdownReport {

	private MarkdownReport() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, RunResult> byCaseAndMethod = new HashMap<>();
		for (RunResult result : JmhResults.run(DeaggregationBenchmark.class, args)) {
			byCaseAndMethod.put(key(result.getParams().getParam("aggregateCase"), JmhResults.method(result)), result);
		}
		System.out.println("| case | user records | core rec/s | KCL rec/s | MD5 floor rec/s | MD5+walk floor rec/s"
				+ " | core/KCL | core time / MD5+walk time | core B/rec | KCL B/rec |");
		System.out.println("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
		for (AggregateCase aggregateCase : AggregateCase.values()) {
			int userRecords = aggregateCase.aggregate().userRecordCount();
			RunResult core = byCaseAndMethod.get(key(aggregateCase.name(), "core"));
			RunResult kcl = byCaseAndMethod.get(key(aggregateCase.name(), "kcl"));
			RunResult md5 = byCaseAndMethod.get(key(aggregateCase.name(), "md5Floor"));
			RunResult walk = byCaseAndMethod.get(key(aggregateCase.name(), "md5AndWireWalkFloor"));
			if (core == null || kcl == null || md5 == null || walk == null) {
				continue;
			}
			System.out.printf(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %.2fx | %.2fx | %.0f | %.0f |%n",
					aggregateCase, userRecords, JmhResults.recordsPerSecond(core, userRecords),
					JmhResults.recordsPerSecond(kcl, userRecords), JmhResults.recordsPerSecond(md5, userRecords),
					JmhResults.recordsPerSecond(walk, userRecords), JmhResults.score(core) / JmhResults.score(kcl),
					JmhResults.score(walk) / JmhResults.score(core),
					JmhResults.allocatedBytesPerOperation(core) / userRecords,
					JmhResults.allocatedBytesPerOperation(kcl) / userRecords);
		}
	}

	private static String key(String aggregateCase, String method) {
		return aggregateCase + " " + method;
	}

}
