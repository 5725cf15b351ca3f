package io.github.kpldeagg.emulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class NpmPackageTests {

	@TempDir
	Path temp;

	@TempDir
	Path cache;

	@Test
	void concurrentFirstInstallsRunNpmOnceAndLaterOnesNeedNoNpm() throws Exception {
		Path runs = this.temp.resolve("npm-runs.log");
		Path packageDirectory = this.cache.resolve("kinesis-local-0.6.2/node_modules/kinesis-local");
		NodeJs fakeNpm = NodeJs.onPath(fakeNpm(runs).toString());
		Callable<Path> install = () -> KinesisLocal.install(fakeNpm, this.cache);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			List<Future<Path>> installs = threads.invokeAll(List.of(install, install));

			assertThat(installs.get(0).get()).isEqualTo(packageDirectory);
			assertThat(installs.get(1).get()).isEqualTo(packageDirectory);
		}
		finally {
			threads.shutdown();
		}
		assertThat(runs).content()
			.isEqualTo("install --prefix " + this.cache.resolve("kinesis-local-0.6.2")
					+ " kinesis-local@0.6.2 --no-audit --no-fund\n");
		assertThat(packageDirectory.resolve(LoopbackPatch.LOOPBACK_MAIN)).content()
			.contains(LoopbackPatch.BIND_LOOPBACK);

		// Without node or npm on the PATH, only the cache can answer.
		assertThat(KinesisLocal.install(NodeJs.onPath(""), this.cache)).isEqualTo(packageDirectory);
	}

	@Test
	void defaultCacheFollowsTheSystemProperty() {
		String previous = System.getProperty(NpmPackage.CACHE_PROPERTY);
		try {
			System.setProperty(NpmPackage.CACHE_PROPERTY, this.cache.toString());
			assertThat(NpmPackage.defaultCache()).isEqualTo(this.cache);
			System.clearProperty(NpmPackage.CACHE_PROPERTY);
			assertThat(NpmPackage.defaultCache())
				.isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "kpl-deagg", "npm"));
		}
		finally {
			if (previous != null) {
				System.setProperty(NpmPackage.CACHE_PROPERTY, previous);
			}
		}
	}

	/**
	 * An {@code npm} that notes each run and "installs" a kinesis-local {@code main.js}
	 * the loopback patch accepts, slowly enough that a second install started meanwhile
	 * would overlap it. Like the real one, it is a Node.js script that finds {@code node}
	 * on the PATH.
	 */
	private Path fakeNpm(Path runs) throws IOException {
		Path bin = Files.createDirectory(this.temp.resolve("bin"));
		Files.createSymbolicLink(bin.resolve("node"), NodeJs.fromEnvironment().node(KinesisLocal.PACKAGE));
		String script = """
				#!/usr/bin/env node
				const fs = require('fs'), path = require('path');
				fs.appendFileSync(%s, process.argv.slice(2).join(' ') + '\\n');
				const packageDirectory = path.join(process.argv[process.argv.indexOf('--prefix') + 1],
				        'node_modules', 'kinesis-local');
				fs.mkdirSync(packageDirectory, { recursive: true });
				fs.writeFileSync(path.join(packageDirectory, 'main.js'), %s);
				setTimeout(() => {}, 500);
				""".formatted(jsString(runs.toString()), jsString("var host = " + LoopbackPatch.BIND_ALL_INTERFACES));
		Path npm = Files.writeString(bin.resolve("npm"), script);
		npm.toFile().setExecutable(true);
		return bin;
	}

	private static String jsString(String text) {
		return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
	}

}
