package io.github.kpldeagg.autoconfigure;

import java.util.ArrayList;
import java.util.List;

/**
 * The binder's checkpointer, whose interface each line has in its own package, as the
 * shared tests use it.
 */
interface TestCheckpointer {

	boolean checkpoint();

	boolean checkpoint(String sequenceNumber);

	/**
	 * Commits every checkpoint, noting its sequence number ({@code "highest"} for the one
	 * without).
	 */
	final class Recording implements TestCheckpointer {

		private final List<String> committed = new ArrayList<>();

		@Override
		public boolean checkpoint() {
			this.committed.add("highest");
			return true;
		}

		@Override
		public boolean checkpoint(String sequenceNumber) {
			this.committed.add(sequenceNumber);
			return true;
		}

		List<String> committed() {
			return this.committed;
		}

	}

}
