package io.github.kpldeagg.emulator;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Finds the {@code node} and {@code npm} commands on a search path, the way a shell
 * would.
 *
 * @author The kpl-deagg maintainers
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
	 * @param searchPath the search path
	 * @return the Node.js commands found on {@code searchPath}
	 */
	static NodeJs onPath(String searchPath) {
		return new NodeJs(searchPath);
	}

	/**
	 * The search path, to hand to child processes: npm's own launcher looks {@code node}
	 * up there.
	 * @return the search path, to hand to child processes
	 */
	String searchPath() {
		return this.searchPath;
	}

	Path node(NpmPackage neededBy) {
		return find("node", neededBy);
	}

	Path npm(NpmPackage neededBy) {
		return find("npm", neededBy);
	}

	private Path find(String command, NpmPackage neededBy) {
		return Arrays.stream(this.searchPath.split(File.pathSeparator))
			.filter((directory) -> !directory.isBlank())
			.flatMap((directory) -> EXECUTABLE_SUFFIXES.stream().map((suffix) -> Path.of(directory, command + suffix)))
			.filter((candidate) -> Files.isRegularFile(candidate) && Files.isExecutable(candidate))
			.findFirst()
			.orElseThrow(() -> new EmulatorUnavailableException(neededBy + " needs Node.js: `" + command
					+ "` was not found on the PATH. Install Node.js 20+ with npm (https://nodejs.org) or "
					+ neededBy.alternative() + "."));
	}

}
