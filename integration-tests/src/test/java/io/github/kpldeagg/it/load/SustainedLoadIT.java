package io.github.kpldeagg.it.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.kpldeagg.it.crash.ChildJvm;
import io.github.kpldeagg.it.support.ConsumerSettings;
import io.github.kpldeagg.it.support.LocalAws;
import io.github.kpldeagg.it.support.LocalAwsTest;
import io.github.kpldeagg.it.support.ProducedRecord;
import io.github.kpldeagg.it.support.RealKpl;
import io.github.kpldeagg.it.support.SentRecord;
import io.github.kpldeagg.it.support.SteadyProduction;
import io.github.kpldeagg.it.support.SteadyProduction.Pace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * One consumer JVM reads an N-shard stream while the real KPL writes to it as fast as it can, once in the
 * starter's default mode (the binder's polling adapter, the starter fanning out each aggregate) and once in the
 * binder's KCL mode (KCL deaggregates), on a stream of its own each with the same user records. Figures per
 * mode: user records per second from the first put to the last delivery, the KPL's own put rate, the
 * consumer's CPU (cores) and most heap in use. Then the plain SDK reads the first stream again as fast as
 * kinesis-local serves it: the emulator's ceiling. Only in the {@code proof-long} profile.
 */
@LocalAwsTest
@EnabledIfSystemProperty(named = "kpl.it.proof-long", matches = "true")
class SustainedLoadIT {

    private static final int SHARDS = Integer.getInteger("kpl.it.load.shards", 4);
    private static final int SLICE = 2_000;
    private static final int USER_RECORDS = Integer.getInteger("kpl.it.load.user-records", 100_000) / SLICE * SLICE;
    private static final long SEED = 4242L;
    private static final Duration TIMEOUT = Duration.ofMinutes(15);
    private static final String KINESIS_CONSUMER = "spring.cloud.stream.kinesis.bindings.userRecords-in-0.consumer.";

    @Test
    void throughputHeapAndCpuOfTheDefaultModeAndOfKclModeAgainstTheEmulatorsCeiling(LocalAws aws) throws Exception {
        LoadFigures fanOut = run(aws, "fan-out", settings -> settings
                .set(KINESIS_CONSUMER + "records-limit", "10000"));
        LoadFigures kcl = run(aws, "kcl", settings -> settings
                .set("spring.cloud.stream.kinesis.binder.kpl-kcl-enabled", "true")
                .set(KINESIS_CONSUMER + "metrics-level", "NONE")
                .set(KINESIS_CONSUMER + "fan-out", "false")
                .set(KINESIS_CONSUMER + "polling-idle-time", "200"));
        PlainReader.Rate ceiling = PlainReader.read(aws, fanOut.stream());

        for (LoadFigures mode : List.of(fanOut, kcl)) {
            assertThat(mode.sample().count()).as("user records delivered in %s mode", mode.mode())
                    .isGreaterThanOrEqualTo(USER_RECORDS + 1L);
        }
        assertThat(ceiling.userRecords()).as("user records the plain SDK read").isEqualTo(USER_RECORDS + 1L);
        System.out.printf("Sustained load, %d user records on %d shards, one consumer JVM (-Xmx384m):%n%s%n%s%n"
                + "  emulator ceiling (plain SDK, one thread per shard, GetRecords without pause): %.0f user"
                + " records/s%n", USER_RECORDS, SHARDS, fanOut, kcl, ceiling.perSecond());
    }

    private static LoadFigures run(LocalAws aws, String mode, UnaryOperator<ConsumerSettings> modeSettings)
            throws Exception {
        String stream = aws.createStream("load-" + mode, SHARDS);
        Path directory = Files.createTempDirectory(Files.createDirectories(Path.of("target", "load")), stream + "-");
        Path progress = directory.resolve("progress");
        List<String> arguments = new ArrayList<>(modeSettings.apply(ConsumerSettings.of(aws, stream, "load-" + mode))
                .asArguments());
        arguments.add("--it.progress=" + progress.toAbsolutePath());
        List<SentRecord> sent = Collections.synchronizedList(new ArrayList<>());
        try (ChildJvm consumer = ChildJvm.start(CountingConsumer.class, arguments, directory.resolve("consumer.log"));
                RealKpl kpl = RealKpl.start(aws.kinesis())) {
            kpl.warmUp(stream, new ProducedRecord("first", null, mode.getBytes(StandardCharsets.UTF_8)));
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
                    .until(() -> LoadSample.read(progress).count() >= 1 || !consumer.isAlive());
            LoadSample before = LoadSample.read(progress);
            long firstPutAt = System.nanoTime();
            SteadyProduction.start(kpl, stream, new Pace(SLICE, Duration.ZERO, USER_RECORDS / SLICE), SEED,
                    sent::addAll).awaitEnd(TIMEOUT);
            long lastPutAt = System.nanoTime();
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
                    .until(() -> LoadSample.read(progress).count() >= USER_RECORDS + 1L || !consumer.isAlive());
            Thread.sleep(2 * CountingConsumer.SAMPLE_MILLIS);
            return new LoadFigures(mode, stream, USER_RECORDS, firstPutAt, lastPutAt, before,
                    LoadSample.read(progress));
        }
    }
}
