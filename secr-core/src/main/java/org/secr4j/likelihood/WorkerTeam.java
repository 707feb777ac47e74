package org.secr4j.likelihood;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A fixed team of threads that runs one job at a time on all of them, the calling thread being
 * worker 0: {@link #run} hands the job to the other workers, runs it itself and returns when every
 * worker has finished it.
 *
 * <p>One likelihood evaluation takes a few milliseconds, and an optimizer asks for the next one a
 * few microseconds after the last. A worker that parks between jobs must be woken by the operating
 * system, which on a virtual machine can take tens to hundreds of microseconds, at the start of
 * every job and again for the caller at its end. So a worker that has finished a job, and a caller
 * waiting for the others, first spin for up to {@link #SPIN_NANOS} and only then park. The team
 * allocates nothing per job.
 *
 * <p>Which work each worker does is the job's business (the likelihood's workers take blocks from a
 * shared counter); results must not depend on it. Not for concurrent use: one caller at a time.
 */
final class WorkerTeam implements AutoCloseable {
    /** How long an idle worker, or a caller waiting for the workers, spins before it parks. */
    static final long SPIN_NANOS = 200_000;

    private final Worker[] workers; // workers 1 … n − 1
    private final AtomicInteger pending = new AtomicInteger();
    private volatile int generation;
    private volatile IntConsumer job;
    private volatile Throwable failure;
    private volatile boolean closed;
    private volatile Thread caller;
    private volatile boolean callerParked;

    /**
     * A team of {@code size} workers: the caller and {@code size - 1} daemon threads named
     * {@code name}.
     */
    WorkerTeam(int size, String name) {
        if (size < 2) {
            throw new IllegalArgumentException("a team needs at least 2 workers, got " + size);
        }
        workers = new Worker[size - 1];
        for (int w = 0; w < workers.length; w++) {
            workers[w] = new Worker(w + 1);
            Thread t = new Thread(workers[w], name + "-" + (w + 1));
            t.setDaemon(true);
            workers[w].thread = t;
        }
        for (Worker w : workers) {
            w.thread.start();
        }
    }

    /** The number of workers, the caller included. */
    int size() {
        return workers.length + 1;
    }

    /**
     * Runs {@code task.accept(w)} on every worker w (the caller is worker 0) and returns when all
     * have returned. A failure on any worker is thrown here (an unchecked one as it is).
     */
    void run(IntConsumer task) {
        if (closed) {
            throw new IllegalStateException("the likelihood's worker threads have been stopped (it was closed)");
        }
        caller = Thread.currentThread();
        failure = null;
        job = task;
        pending.set(workers.length);
        generation++; // publishes the job
        for (Worker w : workers) {
            if (w.parked) {
                LockSupport.unpark(w.thread);
            }
        }
        Throwable own = null;
        try {
            task.accept(0);
        } catch (RuntimeException | Error e) {
            own = e;
        }
        awaitWorkers();
        job = null;
        Throwable f = own != null ? own : failure;
        if (f instanceof RuntimeException re) {
            throw re;
        }
        if (f instanceof Error e) {
            throw e;
        }
        if (f != null) {
            throw new IllegalStateException("likelihood worker failed", f);
        }
    }

    private void awaitWorkers() {
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        while (pending.get() > 0) {
            if (System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
                continue;
            }
            callerParked = true;
            if (pending.get() > 0) {
                LockSupport.park(this);
            }
            callerParked = false;
        }
    }

    /** Stops the worker threads; a later {@link #run} is refused. */
    @Override
    public void close() {
        closed = true;
        generation++;
        for (Worker w : workers) {
            LockSupport.unpark(w.thread);
        }
    }

    private final class Worker implements Runnable {
        final int index;
        Thread thread;
        volatile boolean parked;

        Worker(int index) {
            this.index = index;
        }

        @Override
        public void run() {
            int seen = 0;
            while (true) {
                seen = awaitJob(seen);
                if (closed) {
                    return;
                }
                try {
                    job.accept(index);
                } catch (Throwable t) {
                    failure = t;
                }
                if (pending.decrementAndGet() == 0 && callerParked) {
                    LockSupport.unpark(caller);
                }
            }
        }

        /** Waits until the generation differs from {@code seen}; returns the new one. */
        private int awaitJob(int seen) {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            int g;
            while ((g = generation) == seen) {
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                    continue;
                }
                parked = true;
                if (generation == seen) {
                    LockSupport.park(WorkerTeam.this);
                }
                parked = false;
            }
            return g;
        }
    }
}
