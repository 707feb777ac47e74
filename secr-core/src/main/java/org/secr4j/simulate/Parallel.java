package org.secr4j.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.random.RandomGenerator;

/**
 * Runs indexed, independent tasks on a fixed pool of daemon threads; each task writes its own slot.
 * Seeded studies give each task its own stream, split in order before anything runs
 * ({@link #streams}), so their results do not depend on the number of threads.
 */
final class Parallel {
    private Parallel() {}

    /** {@code n} streams split from {@code root} in order (advances root). */
    static RandomGenerator[] streams(SplittableRandom root, int n) {
        RandomGenerator[] out = new RandomGenerator[n];
        for (int i = 0; i < n; i++) {
            out[i] = root.split();
        }
        return out;
    }

    /**
     * As {@link #forEachIndex(int, int, String, IntConsumer)}, telling {@code progress} (if not
     * null, from worker threads) the number of tasks finished after each one.
     */
    static void forEachIndex(int count, int threads, String name, IntConsumer progress, IntConsumer task) {
        AtomicInteger done = new AtomicInteger();
        forEachIndex(count, threads, name, i -> {
            task.accept(i);
            int d = done.incrementAndGet();
            if (progress != null) {
                progress.accept(d);
            }
        });
    }

    /**
     * Runs {@code task.accept(i)} for i = 0 … count − 1 on {@code threads} threads and waits for all.
     *
     * @throws IllegalStateException if a task throws (with its cause) or the wait is interrupted
     */
    static void forEachIndex(int count, int threads, String name, IntConsumer task) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "secr4j-" + name);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                final int index = i;
                futures.add(pool.submit(() -> task.accept(index)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + " interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(name + ": a task failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
