package org.secr4j.likelihood;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WorkerTeamTest {
    private static final int JOBS = 2_000;

    @Test
    void everyWorkerRunsEveryJobOnceAndTheCallerIsWorkerZero() {
        try (WorkerTeam team = new WorkerTeam(3, "test")) {
            assertEquals(3, team.size());
            AtomicIntegerArray runs = new AtomicIntegerArray(3);
            Thread caller = Thread.currentThread();
            AtomicInteger callerAsZero = new AtomicInteger();
            for (int j = 0; j < JOBS; j++) {
                team.run(w -> {
                    runs.incrementAndGet(w);
                    if (w == 0 && Thread.currentThread() == caller) {
                        callerAsZero.incrementAndGet();
                    }
                });
            }
            assertEquals(JOBS, runs.get(0));
            assertEquals(JOBS, runs.get(1));
            assertEquals(JOBS, runs.get(2));
            assertEquals(JOBS, callerAsZero.get());
        }
    }

    /** Back-to-back jobs and jobs after the workers have parked (longer than the spin) both complete. */
    @Test
    void runReturnsOnlyWhenEveryWorkerHasFinishedItsShare() throws InterruptedException {
        try (WorkerTeam team = new WorkerTeam(2, "test")) {
            int[] slots = new int[2];
            for (int j = 0; j < 50; j++) {
                final int value = j;
                team.run(w -> {
                    if (w == 1) {
                        busy(20_000);
                    }
                    slots[w] = value; // plain writes: run's return must make them visible here
                });
                assertArrayEquals(new int[] {j, j}, slots);
                if (j % 10 == 0) {
                    Thread.sleep(2); // beyond SPIN_NANOS: the worker parks and must be woken
                }
            }
        }
    }

    @Test
    void aWorkersFailureIsThrownToTheCallerAndTheTeamStaysUsable() {
        try (WorkerTeam team = new WorkerTeam(2, "test")) {
            IllegalArgumentException boom = new IllegalArgumentException("boom");
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> team.run(w -> {
                if (w == 1) {
                    throw boom;
                }
            }));
            assertSame(boom, thrown);
            AtomicInteger after = new AtomicInteger();
            team.run(w -> after.incrementAndGet());
            assertEquals(2, after.get());
        }
    }

    @Test
    void aClosedTeamRefusesWorkAndItsThreadsEnd() throws InterruptedException {
        WorkerTeam team = new WorkerTeam(2, "closing-test");
        team.run(w -> { });
        team.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> team.run(w -> { }));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (threadAlive("closing-test-1") && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(!threadAlive("closing-test-1"), "the worker thread still runs after close");
    }

    @Test
    void aTeamNeedsTwoWorkers() {
        assertThrows(IllegalArgumentException.class, () -> new WorkerTeam(1, "test"));
    }

    private static boolean threadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }

    private static void busy(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
