package io.github.kpldeagg.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * A pinned npm package, installed once into a cache directory that all JVMs and forks on
 * the machine share, so that only the first start of an emulator pays for npm.
 *
 * @param alternative what to do instead of installing Node.js, for the error message
 * @param name the name
 * @param version the version
 * @author The kpl-deagg maintainers
 */
record NpmPackage(String name, String version, String alternative) {

	static final String CACHE_PROPERTY = "kpl.emulator.cache";

	private static final String INSTALLED_MARKER = ".kpl-deagg-installed";

	private static final long NPM_TIMEOUT_MINUTES = 5;

	/**
	 * {@code ${user.home}/.cache/kpl-deagg/npm}, unless the system property
	 * {@value #CACHE_PROPERTY} names another.
	 */
	static Path defaultCache() {
		String configured = System.getProperty(CACHE_PROPERTY);
		return (configured != null) ? Path.of(configured)
				: Path.of(System.getProperty("user.home"), ".cache", "kpl-deagg", "npm");
	}

	/**
	 * Returns the package's directory in the cache, running {@code npm install} and then
	 * {@code preparation} first unless an earlier run finished both.
	 */
	Path installIn(Path cache, NodeJs nodeJs, Preparation preparation) {
		Path prefix = cache.resolve(this.name + "-" + this.version);
		Path packageDirectory = prefix.resolve("node_modules").resolve(this.name);
		Path marker = prefix.resolve(INSTALLED_MARKER);
		if (Files.exists(marker)) {
			return packageDirectory;
		}
		// A file lock excludes other JVMs; threads of this JVM must be kept
		// apart by the monitor.
		synchronized (NpmPackage.class) {
			try {
				Files.createDirectories(prefix);
				try (FileChannel channel = FileChannel.open(prefix.resolve(".install.lock"), StandardOpenOption.CREATE,
						StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
					if (!Files.exists(marker)) {
						npmInstall(prefix, nodeJs);
						preparation.prepare(packageDirectory);
						Files.createFile(marker);
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot install " + this + " into " + prefix, ex);
			}
		}
		return packageDirectory;
	}

	private void npmInstall(Path prefix, NodeJs nodeJs) throws IOException {
		Path log = prefix.resolve("npm-install.log");
		ProcessBuilder builder = new ProcessBuilder(nodeJs.npm(this).toString(), "install", "--prefix",
				prefix.toString(), this.name + "@" + this.version, "--no-audit", "--no-fund")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		// npm's launcher finds node through PATH.
		builder.environment().put("PATH", nodeJs.searchPath());
		Process npm = builder.start();
		try {
			if (!npm.waitFor(NPM_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
				npm.destroyForcibly();
				throw new EmulatorUnavailableException("npm did not install " + this + " within " + NPM_TIMEOUT_MINUTES
						+ " minutes" + LogTail.of(log));
			}
		}
		catch (InterruptedException ex) {
			npm.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new EmulatorUnavailableException("Interrupted while npm installed " + this, ex);
		}
		if (npm.exitValue() != 0) {
			throw new EmulatorUnavailableException(
					"npm failed to install " + this + " (exit code " + npm.exitValue() + ")" + LogTail.of(log));
		}
	}

	@Override
	public String toString() {
		return this.name + " " + this.version;
	}

	/**
	 * Preparation of the installed files, done under the same lock, before the package
	 * counts as installed.
	 */
	@FunctionalInterface
	interface Preparation {

		void prepare(Path packageDirectory) throws IOException;

	}

}
