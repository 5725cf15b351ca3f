package io.github.kpldeagg.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmulatorProcessTest {

    private static final String NODE = NodeJs.fromEnvironment().node(KinesisLocal.PACKAGE).toString();

    @TempDir
    Path logs;

    @Test
    void anEmulatorThatExitsEarlyFailsWithTheTailOfItsLog() {
        assertThatThrownBy(() -> EmulatorProcess.launch("crashing", logs, 1,
                ports -> new ProcessBuilder(NODE, "-e", "console.error('no such option'); process.exit(3)")))
                .isInstanceOf(EmulatorUnavailableException.class)
                .hasMessageContaining("crashing exited with code 3 before it listened")
                .hasMessageContaining("no such option");
    }

    @Test
    void aPortTakenByAnotherProcessMeanwhileIsReplacedByAFreshOne() throws Exception {
        Path firstAttempt = logs.resolve("first-attempt");
        // The first start loses its port, as when another process binds it between our pick and its listen.
        String server = "const fs = require('fs');"
                + "if (!fs.existsSync(process.argv[1])) { fs.writeFileSync(process.argv[1], '');"
                + " console.error('Error: listen EADDRINUSE'); process.exit(1); }"
                + "require('http').createServer((q, r) => r.end('ok')).listen(+process.argv[2], '127.0.0.1');";

        try (EmulatorProcess emulator = EmulatorProcess.launch("racing", logs, 1,
                ports -> new ProcessBuilder(NODE, "-e", server, firstAttempt.toString(), Integer.toString(ports[0])))) {
            assertThat(firstAttempt).exists();
            assertThat(ProcessHandle.of(emulator.pid())).map(ProcessHandle::isAlive).contains(true);
            assertThat(logs.resolve("racing-" + emulator.port(0) + ".log")).exists();
        }
    }

    @Test
    void closeKillsAProcessThatIgnoresSigterm() {
        String stubborn = "process.on('SIGTERM', () => console.log('ignoring SIGTERM'));"
                + "require('http').createServer((q, r) => r.end('ok')).listen(+process.argv[1], '127.0.0.1');";
        EmulatorProcess emulator = EmulatorProcess.launch("stubborn", logs, 1,
                ports -> new ProcessBuilder(NODE, "-e", stubborn, Integer.toString(ports[0])));
        long pid = emulator.pid();

        emulator.close();

        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEqualTo(Optional.empty());
        assertThat(logs.resolve("stubborn-" + emulator.port(0) + ".log")).content().contains("ignoring SIGTERM");
    }
}
