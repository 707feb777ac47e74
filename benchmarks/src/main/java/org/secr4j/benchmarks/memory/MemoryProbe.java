package org.secr4j.benchmarks.memory;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;
import org.secr4j.benchmarks.Scenario;
import org.secr4j.fit.FitOptions;
import org.secr4j.fit.SecrFitter;
import org.secr4j.likelihood.LikelihoodOptions;
import org.secr4j.likelihood.SecrLikelihood;
import org.secr4j.result.FittedModel;

/**
 * Peak heap and allocation of a scenario (issue #4 item 6): loads it, reports its size, then the
 * peak heap in use (the sum of the heap pools' peak usage, which the JVM tracks across garbage
 * collections) while building the likelihood and evaluating value + gradient, the bytes the calling
 * thread allocates per evaluation after warm-up (one worker thread, so that it is the only allocating
 * thread), and a whole fit with its time and peak heap. One JSON object on standard output.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.secr4j.benchmarks.memory.MemoryProbe large500 1 COMMIT</pre>
 */
public final class MemoryProbe {
    /** Warm-up before allocation is counted: at least 3 evaluations and 5 seconds, at most 40 evaluations. */
    private static final int MIN_WARM_UP = 3;
    private static final int MAX_WARM_UP = 40;
    private static final long WARM_UP_NANOS = 5_000_000_000L;

    private MemoryProbe() {}

    public static void main(String[] args) {
        String name = args.length > 0 ? args[0] : "large500";
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        String commit = args.length > 2 ? args[2] : "unknown";
        Scenario s = Scenario.load(name);
        long points = 0;
        long pairs = 0;
        int animals = 0;
        for (int i = 0; i < s.history().sessionCount(); i++) {
            int m = s.masks().get(s.masks().size() == 1 ? 0 : i).size();
            points += m;
            pairs += (long) m * s.history().session(i).detectors().size();
            animals += s.history().session(i).animals();
        }
        System.gc();
        resetPeaks();
        double[] beta = s.beta();
        double[] g = new double[beta.length];
        double logLik;
        long perEvaluation;
        double msPerEvaluation;
        long peakEvaluation;
        try (SecrLikelihood l = SecrLikelihood.of(s.history(), s.masks(), s.layout(),
                LikelihoodOptions.defaults().withThreads(threads).withVectorMinimumPairs(0))) {
            long warmUntil = System.nanoTime() + WARM_UP_NANOS;
            for (int w = 0; w < MAX_WARM_UP && (w < MIN_WARM_UP || System.nanoTime() < warmUntil); w++) {
                l.valueAndGradient(beta, g); // until the JIT has compiled the kernel: allocation is counted after it
            }
            com.sun.management.ThreadMXBean tb = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long id = Thread.currentThread().getId();
            int n = 5;
            long a0 = tb.getThreadAllocatedBytes(id);
            long t0 = System.nanoTime();
            double v = 0;
            for (int i = 0; i < n; i++) {
                v = l.valueAndGradient(beta, g);
            }
            msPerEvaluation = (System.nanoTime() - t0) / 1e6 / n;
            perEvaluation = (tb.getThreadAllocatedBytes(id) - a0) / n;
            logLik = v;
            peakEvaluation = peakHeap();
        }
        System.gc();
        resetPeaks();
        long f0 = System.nanoTime();
        FitOptions o = FitOptions.defaults().withThreads(threads);
        FittedModel fit = SecrFitter.with(s.hcov() == null ? o : o.withHcov(s.hcov())).fit(s.history(), s.masks(), s.model());
        double fitSeconds = (System.nanoTime() - f0) / 1e9;
        long peakFit = peakHeap();
        System.out.printf(Locale.ROOT, "{\"scenario\": \"%s\", \"commit\": \"%s\", \"threads\": %d, \"sessions\": %d, "
                + "\"maskPoints\": %d, \"detectorMaskPairs\": %d, \"animals\": %d, \"maxHeapMiB\": %.0f, "
                + "\"logLik\": %.6f, \"msPerValueAndGradient\": %.1f, \"bytesAllocatedPerEvaluation\": %d, "
                + "\"peakHeapEvaluationMiB\": %.1f, \"fitSeconds\": %.1f, \"fitConverged\": %b, \"peakHeapFitMiB\": %.1f}%n",
                name, commit, threads, s.history().sessionCount(), points, pairs, animals,
                Runtime.getRuntime().maxMemory() / 1048576.0, logLik, msPerEvaluation, perEvaluation,
                peakEvaluation / 1048576.0, fitSeconds, fit.diagnostics().converged(), peakFit / 1048576.0);
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
