/**
 * The sockets of Linux processes, read from {@code /proc}: which ports a process listens
 * on and whom it talks to. Support for the emulators' start-up check and for tests that
 * prove everything stays on loopback; not a published API. Nothing is null unless marked
 * {@code @Nullable}.
 */
@NullMarked
package io.github.kpldeagg.emulator.procnet;

import org.jspecify.annotations.NullMarked;
