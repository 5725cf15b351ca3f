package io.github.kpldeagg.emulator;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Finds the {@code node} and {@code npm} commands on a search path, the way a shell
 * would.
 */
final class NodeJs {

	private static final List<String> EXECUTABLE_SUFFIXES = List.of("", ".exe", ".cmd");

	private final String searchPath;

	private NodeJs(String searchPath) {
		this.searchPath = searchPath;
	}

	static NodeJs fromEnvironment() {
		return onPath(System.getenv().getOrDefault("PATH", ""));
	}

	/**
	 * Looks for the commands only in the directories of {@code searchPath} (a PATH
	 * value).
	 */
	static NodeJs onPath(String searchPath) {
		return new NodeJs(searchPath);
	}

	/**
	 * The search path, to hand to child processes: npm's own launcher looks {@code node}
	 * up there.
	 */
	String searchPath() {
		return searchPath;
	}

	Path node(NpmPackage neededBy) {
		return find("node", neededBy);
	}

	Path npm(NpmPackage neededBy) {
		return find("npm", neededBy);
	}

	private Path find(String command, NpmPackage neededBy) {
		return Arrays.stream(searchPath.split(File.pathSeparator))
			.filter(directory -> !directory.isBlank())
			.flatMap(directory -> EXECUTABLE_SUFFIXES.stream().map(suffix -> Path.of(directory, command + suffix)))
			.filter(candidate -> Files.isRegularFile(candidate) && Files.isExecutable(candidate))
			.findFirst()
			.orElseThrow(() -> new EmulatorUnavailableException(neededBy + " needs Node.js: `" + command
					+ "` was not found on the PATH. Install Node.js 20+ with npm (https://nodejs.org) or "
					+ neededBy.alternative() + "."));
	}

}
