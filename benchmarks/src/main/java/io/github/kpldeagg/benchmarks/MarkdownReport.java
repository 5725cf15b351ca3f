package io.github.kpldeagg.benchmarks;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link DeaggregationBenchmark} with the GC profiler and prints the README's table: JMH's
 * aggregates per second turned into user records per second, the ratios the targets are stated in,
 * and bytes allocated per user record. Takes JMH's command-line options.
 */
public final class MarkdownReport {

    private static final String ALLOCATED_BYTES_PER_OPERATION = "gc.alloc.rate.norm";

    private MarkdownReport() {
    }

    public static void main(String[] args) throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder().parent(new CommandLineOptions(args))
                .include(DeaggregationBenchmark.class.getName()).addProfiler(GCProfiler.class).build()).run();
        Map<String, RunResult> byCaseAndMethod = new HashMap<>();
        for (RunResult result : results) {
            byCaseAndMethod.put(key(result.getParams().getParam("aggregateCase"), result.getParams().getBenchmark()),
                    result);
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
                    aggregateCase, userRecords, recordsPerSecond(core, userRecords),
                    recordsPerSecond(kcl, userRecords), recordsPerSecond(md5, userRecords),
                    recordsPerSecond(walk, userRecords), score(core) / score(kcl), score(walk) / score(core),
                    allocatedBytes(core) / userRecords, allocatedBytes(kcl) / userRecords);
        }
    }

    private static String key(String aggregateCase, String benchmark) {
        return aggregateCase + " " + benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    private static double score(RunResult result) {
        return result.getPrimaryResult().getScore();
    }

    private static String recordsPerSecond(RunResult result, int userRecords) {
        Result<?> primary = result.getPrimaryResult();
        return String.format(Locale.ROOT, "%.2fM ± %.2fM", primary.getScore() * userRecords / 1e6,
                primary.getScoreError() * userRecords / 1e6);
    }

    private static double allocatedBytes(RunResult result) {
        return result.getSecondaryResults().get(ALLOCATED_BYTES_PER_OPERATION).getScore();
    }
}
