package io.github.kpldeagg.it.load;

import java.time.Duration;

/**
 * One mode's run of {@link SustainedLoadIT}: when the KPL began and ended writing, and the consumer's samples
 * when writing began ({@code before}) and after the last delivery ({@code sample}).
 */
record LoadFigures(String mode, String stream, int userRecords, long firstPutAtNanos, long lastPutAtNanos,
        LoadSample before, LoadSample sample) {

    /** From the first put to the last delivery. */
    Duration endToEnd() {
        return Duration.ofNanos(sample.lastAtNanos() - firstPutAtNanos);
    }

    double userRecordsPerSecond() {
        return userRecords / seconds(endToEnd());
    }

    double putsPerSecond() {
        return userRecords / seconds(Duration.ofNanos(lastPutAtNanos - firstPutAtNanos));
    }

    /** The consumer JVM's CPU time over the run, in cores: 1.0 is one core busy all the time. */
    double cpuCores() {
        return (sample.cpuNanos() - before.cpuNanos()) / (double) endToEnd().toNanos();
    }

    @Override
    public String toString() {
        return String.format("  %-8s %,.0f user records/s end to end (%.1f s from first put to last delivery; the"
                + " KPL put %,.0f/s), consumer CPU %.2f cores, most heap in use %d MB", mode, userRecordsPerSecond(),
                seconds(endToEnd()), putsPerSecond(), cpuCores(), sample.maxHeapUsedBytes() / (1024 * 1024));
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
