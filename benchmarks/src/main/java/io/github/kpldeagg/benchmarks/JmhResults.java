package io.github.kpldeagg.benchmarks;

import java.util.Collection;
import java.util.Locale;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs one benchmark class with the GC profiler and reads what the README's tables show.
 *
 * @author The kpl-deagg maintainers
 */
public final class JmhResults {

	private static final String ALLOCATED_BYTES_PER_OPERATION = "gc.alloc.rate.norm";

	private JmhResults() {
	}

	/**
	 * Runs {@code benchmark} with JMH's command-line options {@code args} and the GC
	 * profiler.
	 * @param benchmark the benchmark
	 * @param args the args
	 * @return the results JMH reports
	 */
	public static Collection<RunResult> run(Class<?> benchmark, String[] args)
			throws RunnerException, CommandLineOptionException {
		return new Runner(new OptionsBuilder().parent(new CommandLineOptions(args))
			.include(benchmark.getName())
			.addProfiler(GCProfiler.class)
			.build()).run();
	}

	/**
	 * The benchmark method's simple name.
	 * @param result the result
	 * @return the benchmark method's simple name
	 */
	public static String method(RunResult result) {
		String benchmark = result.getParams().getBenchmark();
		return benchmark.substring(benchmark.lastIndexOf('.') + 1);
	}

	/**
	 * Operations per second.
	 * @param result the result
	 * @return operations per second
	 */
	public static double score(RunResult result) {
		return result.getPrimaryResult().getScore();
	}

	/**
	 * Operations per second times user records per operation, with JMH's error, in
	 * millions.
	 * @param result the result
	 * @param userRecords the user records
	 * @return the rate, in millions of user records per second
	 */
	public static String recordsPerSecond(RunResult result, int userRecords) {
		return recordsPerSecond(result, userRecords, 1e6, "%.2fM ± %.2fM");
	}

	/**
	 * Operations per second times user records per operation, with JMH's error, in
	 * thousands.
	 * @param result the result
	 * @param userRecords the user records
	 * @return the rate, in thousands of user records per second
	 */
	public static String thousandRecordsPerSecond(RunResult result, int userRecords) {
		return recordsPerSecond(result, userRecords, 1e3, "%.0fk ± %.0fk");
	}

	private static String recordsPerSecond(RunResult result, int userRecords, double unit, String format) {
		Result<?> primary = result.getPrimaryResult();
		return String.format(Locale.ROOT, format, primary.getScore() * userRecords / unit,
				primary.getScoreError() * userRecords / unit);
	}

	public static double allocatedBytesPerOperation(RunResult result) {
		Result<?> allocated = result.getSecondaryResults().get(ALLOCATED_BYTES_PER_OPERATION);
		if (allocated == null) {
			throw new IllegalStateException("No " + ALLOCATED_BYTES_PER_OPERATION + ": run with the GC profiler");
		}
		return allocated.getScore();
	}

}
