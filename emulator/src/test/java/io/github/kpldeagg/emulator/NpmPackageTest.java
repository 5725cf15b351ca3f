package io.github.kpldeagg.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpmPackageTest {

    @TempDir
    Path cache;

    @Test
    void concurrentFirstStartsInstallOnceAndLaterOnesNeedNoNpm() throws Exception {
        Callable<Path> install = () -> KinesisLocal.PACKAGE.installIn(cache, NodeJs.fromEnvironment(),
                LoopbackPatch::writeLoopbackMain);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Path>> installs = threads.invokeAll(List.of(install, install));

            Path expected = cache.resolve("kinesis-local-0.6.2/node_modules/kinesis-local");
            assertThat(installs.get(0).get()).isEqualTo(expected);
            assertThat(installs.get(1).get()).isEqualTo(expected);
            assertThat(expected.resolve("main-loopback.js")).content().contains(LoopbackPatch.BIND_LOOPBACK);
        } finally {
            threads.shutdown();
        }

        // Without node or npm on the PATH, only the cache can answer.
        assertThat(KinesisLocal.PACKAGE.installIn(cache, NodeJs.onPath(""), LoopbackPatch::writeLoopbackMain))
                .isEqualTo(cache.resolve("kinesis-local-0.6.2/node_modules/kinesis-local"));
    }

    @Test
    void defaultCacheFollowsTheSystemProperty() {
        String previous = System.getProperty(NpmPackage.CACHE_PROPERTY);
        try {
            System.setProperty(NpmPackage.CACHE_PROPERTY, cache.toString());
            assertThat(NpmPackage.defaultCache()).isEqualTo(cache);
            System.clearProperty(NpmPackage.CACHE_PROPERTY);
            assertThat(NpmPackage.defaultCache())
                    .isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "kpl-deagg", "npm"));
        } finally {
            if (previous != null) {
                System.setProperty(NpmPackage.CACHE_PROPERTY, previous);
            }
        }
    }
}
