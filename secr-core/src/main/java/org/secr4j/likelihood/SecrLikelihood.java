package org.secr4j.likelihood;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.math3.special.Gamma;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.capture.Session;
import org.secr4j.design.Context;
import org.secr4j.design.ParameterLayout;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.DetectionFunction;
import org.secr4j.model.Link;
import org.secr4j.model.PopulationDistribution;
import org.secr4j.model.RealParameter;
import org.secr4j.util.Checks;
import org.secr4j.util.LogFactorial;

/**
 * The SECR log-likelihood and its analytic gradient with respect to the coefficients
 * (Borchers &amp; Efford 2008), summed over sessions, with the constants that secr reports.
 *
 * <p>Per session, with mask points \( x_m \) of cell area \( A \) (ha), density \( D_s \) (from
 * its design row), \( a(\theta) = A \sum_m p_\cdot(x_m) \) the effective sampling area and
 * \( L_i = A \sum_m \Pr(\omega_i \mid x_m) \):
 * <ul>
 *   <li>full, Poisson N: \( \log L = -D a + \sum_i \log(D L_i) - \sum_\omega \log n_\omega! \)</li>
 *   <li>full, binomial N (\( N = D |M| \)): \( \log\frac{N!}{(N-n)!} + (N-n)\log(1 - a/|M|)
 *       + \sum_i \log(L_i/|M|) - \sum_\omega \log n_\omega! \)</li>
 *   <li>conditional: \( \log n! - \sum_\omega \log n_\omega! + \sum_i \log(L_i / a) \)</li>
 * </ul>
 * plus the per-animal constants of the detector type (see {@link SessionKernel}). For a density
 * surface ({@link ParameterLayout#densitySurface()}) D is \( D_m \) per mask point: Poisson
 * \( \log L = -A\sum_m D_m p_\cdot(x_m) + \sum_i \log(A \sum_m D_m \Pr(\omega_i \mid x_m)) - \dots \);
 * binomial with \( N = A\sum_m D_m \) and \( \pi_m = D_m / \sum D \) in place of the uniform
 * \( 1/|M| \) (Borchers &amp; Efford 2008, section 4.2). Detection
 * parameters may vary by session, occasion, detector, mixture class and behavioural state (b, B,
 * bk, Bk, k, K) through the layout's design rows; each distinct set of values is a combination
 * evaluated once per mask point at the detectors where it is in force.
 *
 * <p>Mask points are processed in fixed blocks whose partial sums are combined in block order,
 * so results are bit-identical for any number of threads.
 *
 * <p>Not thread-safe (it owns reusable buffers); it may use several threads internally. Close it
 * to release them.
 *
 * @see <a href="https://doi.org/10.1111/j.1541-0420.2007.00927.x">Borchers &amp; Efford (2008)</a>
 */
public final class SecrLikelihood implements AutoCloseable {
    /** Mask points per block: the unit of parallel work and of the fixed reduction order. */
    public static final int BLOCK_SIZE = 256;
    private static final int P = SessionKernel.P;

    private final ParameterLayout layout;
    private final LikelihoodOptions options;
    private final List<SessionKernel> kernels;
    private final List<Context[]> comboContexts; // per session, a context of each combination
    private final int[] taskSession;
    private final int[] taskStart;
    private final int[] taskEnd;
    private final int[] sessionFirstTask;
    private final SessionKernel.BlockResult[] results;
    private final SessionKernel.Scratch[][] scratch; // [worker][session]
    private final SessionKernel.Prepared[] prepared;
    /** The threads beyond the caller's (null with one thread), and what they run: blocks from {@link #nextTask}. */
    private final WorkerTeam team;
    private final java.util.function.IntConsumer blockJob;
    /** The workers' shares of an evaluation's preparation ({@link SessionKernel#prepareFactors}, then {@link SessionKernel#prepareListsAndReach}). */
    private final java.util.function.IntConsumer factorJob;
    private final java.util.function.IntConsumer listsAndReachJob;
    private final AtomicInteger nextTask = new AtomicInteger();
    /** The evaluation the team works on, set by the caller before it starts the team. */
    private DetectionParameters[][] jobPar;
    private double[] jobPi;
    private boolean jobGradient;
    private final RealParameter[] detectionParameters;
    /** Per session, D's design rows at its mask points (density surfaces only; else null). */
    private final List<double[][]> densityDesigns;
    /** Per session and combination, the predictors of a (g0 or lambda0), sigma and z (null where absent). */
    private final PredictorRow[][][] detectionRows;
    /** The mixing proportions' predictors of classes 1 … C − 1 (mixtures only). */
    private final PredictorRow[] pmixRows;
    /** Per session, D's predictor (full likelihood, D constant within the session, no groups), else null. */
    private final PredictorRow[] densityRows;
    /** Per session and group, D's predictor (full likelihood with groups), else null. */
    private final PredictorRow[][] groupDensityRows;
    /** What one evaluation writes, reused by the next (an evaluation allocates nothing). */
    private final Work work;

    private SecrLikelihood(ParameterLayout layout, LikelihoodOptions options, List<SessionKernel> kernels,
            List<Context[]> comboContexts, List<double[][]> densityDesigns) {
        this.densityDesigns = densityDesigns;
        this.layout = layout;
        this.options = options;
        this.kernels = kernels;
        this.comboContexts = comboContexts;
        List<int[]> tasks = new ArrayList<>();
        sessionFirstTask = new int[kernels.size() + 1];
        for (int s = 0; s < kernels.size(); s++) {
            sessionFirstTask[s] = tasks.size();
            int m = kernels.get(s).nMask;
            for (int m0 = 0; m0 < m; m0 += BLOCK_SIZE) {
                tasks.add(new int[] {s, m0, Math.min(m, m0 + BLOCK_SIZE)});
            }
        }
        sessionFirstTask[kernels.size()] = tasks.size();
        // loops, not streams and lambdas, in the construction: a fresh JVM links each lambda at its first use
        // (SessionKernel's SUM_DOUBLES)
        taskSession = new int[tasks.size()];
        taskStart = new int[tasks.size()];
        taskEnd = new int[tasks.size()];
        for (int t = 0; t < tasks.size(); t++) {
            int[] task = tasks.get(t);
            taskSession[t] = task[0];
            taskStart[t] = task[1];
            taskEnd[t] = task[2];
        }
        results = new SessionKernel.BlockResult[tasks.size()];
        for (int t = 0; t < results.length; t++) {
            SessionKernel k = kernels.get(taskSession[t]);
            results[t] = new SessionKernel.BlockResult(k.nAnimals, k.nSlots, k.densityColumns > 0,
                    k.individualClasses || k.mixtureClassEsa ? k.nClasses : 0);
        }
        prepared = new SessionKernel.Prepared[kernels.size()];
        for (int s = 0; s < kernels.size(); s++) {
            prepared[s] = new SessionKernel.Prepared(kernels.get(s));
        }
        int workers = Math.min(options.threads(), Math.max(1, results.length));
        scratch = new SessionKernel.Scratch[workers][kernels.size()];
        for (int w = 0; w < workers; w++) {
            for (int s = 0; s < kernels.size(); s++) {
                scratch[w][s] = new SessionKernel.Scratch(kernels.get(s));
            }
        }
        team = workers > 1 ? new WorkerTeam(workers, "secr4j-likelihood") : null;
        // the team's jobs, linked only where there is a team
        blockJob = team == null ? null : this::drain;
        factorJob = team == null ? null : w -> prepareFactors(jobPar, w, scratch.length);
        listsAndReachJob = team == null ? null : w -> prepareListsAndReach(jobPar, w, scratch.length);
        DetectionFunction fn = layout.detectionFunction();
        detectionParameters = new RealParameter[] {fn.intercept(), RealParameter.SIGMA, fn.hasShape() ? RealParameter.Z : null};
        int sessions = kernels.size();
        boolean full = options.likelihoodType() == org.secr4j.model.LikelihoodType.FULL;
        detectionRows = new PredictorRow[sessions][][];
        densityRows = new PredictorRow[sessions];
        groupDensityRows = new PredictorRow[sessions][];
        for (int s = 0; s < sessions; s++) {
            Context[] reps = comboContexts.get(s);
            detectionRows[s] = new PredictorRow[reps.length][P];
            for (int c = 0; c < reps.length; c++) {
                for (int j = 0; j < P; j++) {
                    if (detectionParameters[j] != null) {
                        detectionRows[s][c][j] = PredictorRow.of(layout, detectionParameters[j], reps[c]);
                    }
                }
            }
            SessionKernel k = kernels.get(s);
            int sessionContext = layout.isConstant() ? 0 : s;
            if (full && k.individualClasses) {
                groupDensityRows[s] = new PredictorRow[k.nClasses];
                for (int c = 0; c < k.nClasses; c++) {
                    groupDensityRows[s][c] = PredictorRow.of(layout, RealParameter.D, new Context(sessionContext, 0, false, c));
                }
            } else if (full && densityDesigns == null) {
                densityRows[s] = PredictorRow.of(layout, RealParameter.D, new Context(sessionContext, 0, false));
            }
        }
        int classes = layout.mixtureClasses();
        pmixRows = new PredictorRow[classes];
        for (int k = 1; k < pmixRows.length; k++) {
            pmixRows[k] = PredictorRow.of(layout, RealParameter.PMIX, new Context(0, 0, false, k));
        }
        work = new Work(layout, kernels);
    }

    /**
     * The arrays one evaluation fills (per session: esa, its gradient, each animal's log-sum, ...) and its
     * working arrays, made once with the likelihood.
     */
    private static final class Work {
        /** Whether some session's detections are taken collapsed over occasions ({@link Evaluation#collapsedOverOccasions}). */
        final boolean collapsed;
        final DetectionParameters[][] par;
        /** Mixing proportions (1 without a mixture; all 1 for individual classes, which have none). */
        final double[] pi;
        final double[] pmixEta;
        final double[] grad;
        final double[] esa;
        final double[][] esaGrad;
        final double[] area;
        final int[] ns;
        final double[][] logSums;
        final double[] expectedDetected;
        final double[] htVariance;
        /** Per session the esa of each group (full likelihood with groups; else null). */
        final double[][] classEsa;
        /** Per session, slot-length working arrays. */
        final double[][] gsum;
        final double[][] pdotGrad;
        final double[][] animalGrad;
        final double[][] dA;
        final double[][] perSlot;
        final double[][] slotA;
        final double[][] slotB;
        /** Per session with individual classes: each class's esa and its slot gradient. */
        final double[][] ac;
        final double[][][] dac;

        Work(ParameterLayout layout, List<SessionKernel> kernels) {
            boolean anyCollapsed = false;
            for (SessionKernel k : kernels) {
                anyCollapsed |= k.collapsed;
            }
            collapsed = anyCollapsed;
            int sessions = kernels.size();
            int nb = layout.size();
            par = new DetectionParameters[sessions][];
            for (int s = 0; s < sessions; s++) {
                par[s] = new DetectionParameters[kernels.get(s).nCombos];
                for (int c = 0; c < par[s].length; c++) {
                    par[s][c] = new DetectionParameters(1, 1, 1, 0, 0, 0);
                }
            }
            int individual = layout.individualClasses();
            pi = new double[individual > 0 ? individual : layout.mixtureClasses()];
            java.util.Arrays.fill(pi, 1);
            pmixEta = new double[pi.length];
            grad = new double[nb];
            esa = new double[sessions];
            esaGrad = new double[sessions][nb];
            area = new double[sessions];
            ns = new int[sessions];
            logSums = new double[sessions][];
            expectedDetected = new double[sessions];
            htVariance = new double[sessions];
            classEsa = new double[sessions][];
            gsum = new double[sessions][];
            pdotGrad = new double[sessions][];
            animalGrad = new double[sessions][];
            dA = new double[sessions][];
            perSlot = new double[sessions][];
            slotA = new double[sessions][];
            slotB = new double[sessions][];
            ac = new double[sessions][];
            dac = new double[sessions][][];
            for (int s = 0; s < sessions; s++) {
                SessionKernel k = kernels.get(s);
                int slots = k.nSlots;
                logSums[s] = new double[k.nAnimals];
                gsum[s] = new double[slots];
                pdotGrad[s] = new double[slots];
                animalGrad[s] = new double[slots];
                dA[s] = new double[slots];
                perSlot[s] = new double[slots];
                slotA[s] = new double[slots];
                slotB[s] = new double[slots];
                if (k.individualClasses || k.mixtureClassEsa) {
                    ac[s] = new double[k.nClasses];
                    dac[s] = new double[k.nClasses][slots];
                }
            }
        }

        /** A copy of what the last evaluation wrote, as an {@link Evaluation}. */
        Evaluation snapshot(double logLik, boolean gradient) {
            double[][] classes = new double[classEsa.length][];
            for (int s = 0; s < classes.length; s++) {
                classes[s] = classEsa[s] == null ? null : classEsa[s].clone();
            }
            return new Evaluation(logLik, gradient ? grad.clone() : null, esa.clone(), deepCopy(esaGrad), area.clone(),
                    ns.clone(), deepCopy(logSums), expectedDetected.clone(), htVariance.clone(), classes, collapsed);
        }

        private static double[][] deepCopy(double[][] a) {
            double[][] c = new double[a.length][];
            for (int i = 0; i < a.length; i++) {
                c[i] = a[i].clone();
            }
            return c;
        }
    }

    /**
     * The likelihood of {@code history} over {@code masks} (one per session, or one for all).
     *
     * @throws IllegalArgumentException when the number of masks fits neither, or the options do
     *     not fit the layout (e.g. a conditional layout with full options)
     */
    public static SecrLikelihood of(CaptureHistory history, List<HabitatMask> masks, ParameterLayout layout,
            LikelihoodOptions options) {
        Checks.require(masks.size() == 1 || masks.size() == history.sessionCount(),
                "%d masks for %d sessions; give one mask per session or one for all", masks.size(),
                history.sessionCount());
        Checks.require(layout.likelihoodType() == options.likelihoodType(),
                "the parameter layout is for the %s likelihood but the options ask for %s", layout.likelihoodType(),
                options.likelihoodType());
        Checks.require(layout.isConstant() || layout.sessionIds().size() == history.sessionCount(),
                "the parameter layout was bound to %d sessions but the history has %d", layout.sessionIds().size(),
                history.sessionCount());
        List<SessionKernel> kernels = new ArrayList<>();
        List<Context[]> contexts = new ArrayList<>();
        boolean surface = layout.densitySurface(); // D is estimated: the full likelihood, as the options (checked above)
        List<double[][]> designs = surface ? new ArrayList<>() : null;
        DetectionFunction fn = layout.detectionFunction();
        List<RealParameter> det = fn.parameters();
        boolean vector = usesVectorKernel(history, masks, layout, options);
        boolean harmonic = harmonicHcov(options, layout, layout.individualClasses() > 0, surface);
        for (int s = 0; s < history.sessionCount(); s++) {
            Session session = history.session(s);
            HabitatMask mask = masks.size() == 1 ? masks.get(0) : masks.get(s);
            int S = session.occasions();
            int individual = layout.individualClasses();
            int C = individual > 0 ? individual : layout.mixtureClasses();
            int responses = layout.responses();
            int usedCodes = SessionKernel.CODE_LEARNED
                    | ((responses & Context.TRANSIENT) != 0 ? SessionKernel.CODE_TRANSIENT : 0)
                    | ((responses & Context.DETECTOR_LEARNED) != 0 ? SessionKernel.CODE_DETECTOR_LEARNED : 0)
                    | ((responses & Context.DETECTOR_TRANSIENT) != 0 ? SessionKernel.CODE_DETECTOR_TRANSIENT : 0)
                    | ((responses & (Context.SITE_LEARNED | Context.SITE_TRANSIENT)) != 0 ? SessionKernel.CODE_SITE : 0);
            boolean byDetector = layout.byDetector();
            int nk = byDetector ? session.detectors().size() : 1;
            boolean[][] siteLearned = new boolean[S][nk];
            boolean[][] siteTransient = new boolean[S][nk];
            if ((responses & (Context.SITE_LEARNED | Context.SITE_TRANSIENT)) != 0) {
                for (var x : session.detections()) {
                    for (int t = x.occasion() + 1; t < S; t++) {
                        siteLearned[t][x.detector()] = true;
                    }
                    if (x.occasion() + 1 < S) {
                        siteTransient[x.occasion() + 1][x.detector()] = true;
                    }
                }
            }
            int[][][][] comboOf = new int[C][SessionKernel.CODES][S][nk];
            Map<String, Integer> combos = new LinkedHashMap<>();
            List<Context> reps = new ArrayList<>();
            for (int cl = 0; cl < C; cl++) {
                for (int code = 0; code < SessionKernel.CODES; code++) {
                    if ((code & usedCodes) != code) { // a state the model does not distinguish
                        comboOf[cl][code] = comboOf[cl][code & usedCodes];
                        continue;
                    }
                    for (int t = 0; t < S; t++) {
                        for (int k = 0; k < nk; k++) {
                            int bits = ((code & SessionKernel.CODE_TRANSIENT) != 0 ? Context.TRANSIENT : 0)
                                    | ((code & SessionKernel.CODE_DETECTOR_LEARNED) != 0 ? Context.DETECTOR_LEARNED : 0)
                                    | ((code & SessionKernel.CODE_DETECTOR_TRANSIENT) != 0 ? Context.DETECTOR_TRANSIENT : 0)
                                    | ((code & SessionKernel.CODE_SITE) != 0 && siteLearned[t][k] ? Context.SITE_LEARNED : 0)
                                    | ((code & SessionKernel.CODE_SITE) != 0 && siteTransient[t][k] ? Context.SITE_TRANSIENT : 0);
                            Context c = new Context(layout.isConstant() ? 0 : s, t,
                                    (code & SessionKernel.CODE_LEARNED) != 0, cl, byDetector ? k : -1, bits);
                            StringBuilder key = new StringBuilder();
                            for (RealParameter p : det) {
                                key.append(java.util.Arrays.toString(layout.row(p, c))).append('|');
                                if (layout.fixed().containsKey(p)) {
                                    key.append(layout.fixed().get(p)).append('|');
                                }
                            }
                            Integer idx = combos.get(key.toString());
                            if (idx == null) {
                                idx = combos.size();
                                combos.put(key.toString(), idx);
                                reps.add(c);
                            }
                            comboOf[cl][code][t][k] = idx;
                        }
                    }
                }
            }
            int[] animalClass = null;
            if (individual > 0) {
                animalClass = new int[session.animals()];
                for (int i = 0; i < animalClass.length; i++) {
                    animalClass[i] = layout.individualClass(s, i);
                }
            } else if (layout.hcov() != null) {
                var cov = session.individualCovariates().get(layout.hcov()).orElseThrow();
                animalClass = new int[session.animals()];
                for (int i = 0; i < animalClass.length; i++) {
                    String v = cov.textValue(i);
                    animalClass[i] = v == null ? -1 : layout.mixtureLabels().indexOf(v);
                    if (harmonic && v == null) {
                        throw new IllegalArgumentException(Checks.format("session '%s', animal '%s': class unknown (NA); "
                                + "the harmonic hcov Poisson term needs every detected animal's class", session.id(),
                                session.animalId(i)));
                    }
                }
            }
            int densityColumns = 0;
            if (surface) {
                designs.add(layout.densityDesign(s, mask));
                densityColumns = layout.columns(RealParameter.D);
            }
            kernels.add(new SessionKernel(session, mask, fn, options.binomN(), options.fastProximity(), comboOf,
                    usedCodes, combos.size(), animalClass, individual > 0, options.localEvaluation(),
                    vector ? ProximityPass.best() : ProximityPass.scalar(), densityColumns, harmonic));
            contexts.add(reps.toArray(new Context[0]));
        }
        return new SecrLikelihood(layout, options, kernels, contexts, designs);
    }

    /**
     * Whether the likelihood uses {@link HcovPoissonTerm#HARMONIC}: asked for, and the model is a known-class
     * (hcov) mixture with a full likelihood (the conditional one has no Poisson term: no effect). Fails
     * where secr's term is not defined here: binomial N, or D varying over the mask (and, where the
     * classes are read, an animal whose class is unknown).
     */
    private static boolean harmonicHcov(LikelihoodOptions options, ParameterLayout layout, boolean individual,
            boolean surface) {
        if (options.hcovPoissonTerm() != HcovPoissonTerm.HARMONIC || layout.hcov() == null || individual
                || options.likelihoodType() != org.secr4j.model.LikelihoodType.FULL) {
            return false;
        }
        if (options.distribution() != PopulationDistribution.POISSON) {
            throw new IllegalArgumentException(
                    "the harmonic hcov Poisson term needs a Poisson population, not " + options.distribution());
        }
        if (surface) {
            throw new IllegalArgumentException("the harmonic hcov Poisson term needs D constant within each session, "
                    + "but D varies over the mask");
        }
        return true;
    }

    /**
     * The detector-pass kernel of each session: "vector" (Vector API), "scalar" (the same model
     * without it) or "general" (a model the fused proximity kernel does not cover: it covers one
     * parameter combination of HN or HHN with one hazard sum per base (proximity detectors at binary usage,
     * counts, multi-catch traps at unit usage), and mixtures (h2, h3, hcov) and up to four individual classes
     * with one such combination per class, each class in turn; HHN's is always the scalar one).
     */
    public List<String> kernels() {
        return kernels.stream().map(k -> k.simple ? k.pass.name() : k.classKernel != null ? k.classKernel.pass.name()
                : "general").collect(java.util.stream.Collectors.toList());
    }

    public ParameterLayout layout() {
        return layout;
    }

    /** Session s's kernel (tests of its tables). */
    SessionKernel kernel(int s) {
        return kernels.get(s);
    }

    /** Session s's per-evaluation tables, as the last evaluation left them (tests). */
    SessionKernel.Prepared prepared(int s) {
        return prepared[s];
    }

    public LikelihoodOptions options() {
        return options;
    }

    /** Number of sessions. */
    public int sessions() {
        return kernels.size();
    }

    /** Number of parameter combinations of session {@code s} (1 for models without b, t, T or session terms). */
    public int combinations(int s) {
        return kernels.get(s).nCombos;
    }

    /** The log-likelihood at {@code beta}. */
    public double value(double[] beta) {
        return run(beta, null, false);
    }

    /** The log-likelihood at {@code beta}; writes its gradient into {@code gradient} (modified). */
    public double valueAndGradient(double[] beta, double[] gradient) {
        if (gradient.length != layout.size()) {
            throw new IllegalArgumentException(Checks.format("gradient has length %d but there are %d coefficients",
                    gradient.length, layout.size()));
        }
        return run(beta, gradient, true);
    }

    /**
     * A full evaluation at {@code beta}: log-likelihood, gradient and per-session effective
     * sampling areas with their gradients (used for derived quantities).
     */
    public Evaluation evaluate(double[] beta) {
        return work.snapshot(run(beta, null, true), true);
    }

    /**
     * Whether {@link #conditionalLogLik} gives the conditional log-likelihood from this likelihood's evaluations: it is
     * the conditional likelihood, or the Poisson full likelihood with D constant within each session (no density
     * surface, no groups, no known-class esa).
     */
    public boolean givesConditional() {
        return options.likelihoodType() == org.secr4j.model.LikelihoodType.CONDITIONAL || poissonConstantDensity();
    }

    /**
     * Whether D enters log L only through the Poisson terms \( \sum_s n_s\log D_s - D_s a_s \): the Poisson full
     * likelihood with D constant within each session (no density surface, no groups, no known-class esa).
     */
    private boolean poissonConstantDensity() {
        if (options.likelihoodType() != org.secr4j.model.LikelihoodType.FULL || densityDesigns != null
                || options.distribution() != PopulationDistribution.POISSON) {
            return false;
        }
        for (int s = 0; s < kernels.size(); s++) {
            SessionKernel k = kernels.get(s);
            if (densityRows[s] == null || k.individualClasses || k.mixtureClassEsa) {
                return false;
            }
        }
        return true;
    }

    /**
     * The conditional log-likelihood \( \log L_c(\theta) \) of the detection parameters at {@code beta} from
     * {@code e}, this likelihood's evaluation there ({@link #givesConditional} must hold): {@code e}'s log L for the
     * conditional likelihood; for the Poisson full likelihood, whose likelihood is that of n given \( D a(\theta) \)
     * times the conditional one (Borchers &amp; Efford 2008, eq. 8), log L less the Poisson terms,
     * \( \log L - \sum_s [n_s\log(D_s a_s) - D_s a_s - \log n_s!] \), whatever D is. The same number as the
     * conditional likelihood of the same model and masks gives, to rounding.
     */
    public double conditionalLogLik(Evaluation e, double[] beta) {
        Checks.require(givesConditional(), "this likelihood does not give the conditional likelihood");
        double ll = e.logLik;
        if (options.likelihoodType() == org.secr4j.model.LikelihoodType.CONDITIONAL) {
            return ll;
        }
        for (int s = 0; s < kernels.size(); s++) {
            PredictorRow row = densityRows[s];
            double expected = row.link.fromLink(row.eta(beta)) * e.esa[s];
            int n = e.n[s];
            ll -= n * Math.log(expected) - expected - LogFactorial.of(n);
        }
        return ll;
    }

    /**
     * The columns of the Hessian of log L that belong to D's coefficients, in closed form from {@code e}, an
     * evaluation with the gradient at {@code beta}; null where they have none. With the Poisson full likelihood
     * and D constant within each session (no density surface, no groups, no known-class esa), D enters log L only
     * through \( \sum_s n_s\log D_s - D_s a_s(\theta) \) (Borchers &amp; Efford 2008, eqs. 2 and 8), with
     * \( D_s = g^{-1}(x_s^\top\beta) \) and \( a_s \) the esa, which does not depend on D:
     * \[ \frac{\partial^2\log L}{\partial\beta_k\,\partial\beta_l} = \sum_s x_{sk}x_{sl}\Bigl[-\frac{n_s D_s'^2}{D_s^2}
     *    + \Bigl(\frac{n_s}{D_s} - a_s\Bigr)D_s''\Bigr],\qquad
     *    \frac{\partial^2\log L}{\partial\beta_k\,\partial\beta_j} = -\sum_s x_{sk}\,D_s'\,\frac{\partial a_s}{\partial\beta_j} \]
     * for D's coefficients k, l and any other coefficient j (\( D' \), \( D'' \): the link's derivatives in
     * \( \eta \); with the log link the first is \( -\sum_s x_{sk}x_{sl}D_s a_s \)). A Hessian by differences
     * of the gradient then needs a gradient call only for the other coefficients.
     *
     * @return per coefficient index, that column of \( \partial^2\log L/\partial\beta\,\partial\beta^\top \)
     *     for D's coefficients and null for the others; or null where D has no coefficient, where the model is
     *     not one of those above, or where {@code e} has no gradient
     */
    public double[][] densityHessianColumns(Evaluation e, double[] beta) {
        int nb = layout.size();
        if (e.gradient == null || !poissonConstantDensity() || layout.fixed().containsKey(RealParameter.D)
                || layout.indexOf(RealParameter.D) < 0) {
            return null;
        }
        double[][] columns = new double[nb][];
        for (int s = 0; s < kernels.size(); s++) {
            PredictorRow row = densityRows[s];
            double eta = row.eta(beta);
            double d = row.link.fromLink(eta);
            double d1 = row.link.dRealDEta(eta);
            double d2 = row.link.d2RealDEta2(eta);
            int n = e.n[s];
            double a = e.esa[s];
            double[] da = e.esaGradient[s];
            double curvature = -n * d1 * d1 / (d * d) + (n / d - a) * d2;
            double[] x = row.x;
            for (int kk = 0; kk < x.length; kk++) {
                int col = row.offset + kk;
                if (columns[col] == null) {
                    columns[col] = new double[nb];
                }
                for (int j = 0; j < nb; j++) {
                    columns[col][j] -= x[kk] * d1 * da[j]; // 0 at D's own coefficients: a does not depend on D
                }
                for (int l = 0; l < x.length; l++) {
                    columns[col][row.offset + l] += x[kk] * x[l] * curvature;
                }
            }
        }
        return columns;
    }

    /**
     * Whether the likelihood of these data, masks, model and options runs the vector kernel (where its model is
     * covered; {@link #kernels()} says which ran): {@link LikelihoodOptions#usesVectorKernel} of
     * {@link #pairs(CaptureHistory, List, ParameterLayout)} (each class a pass over the pairs) under dense
     * evaluation, and of {@link #pairs(CaptureHistory, List)} under local evaluation. Fresh-JVM fits of the
     * two-class multiSex survey (18.7 M pairs, {@code benchmarks/RESULTS.md}): dense, 4.2 s with the vector
     * kernel against 8.3 s with the scalar one (one thread) and 3.2 against 4.9 s (two); local, 2.5 against 2.8 s
     * (one thread) but 2.5–2.7 against 2.2 s (two), where fewer pairs are evaluated.
     */
    public static boolean usesVectorKernel(CaptureHistory history, List<HabitatMask> masks, ParameterLayout layout,
            LikelihoodOptions options) {
        return options.usesVectorKernel(options.localEvaluation() ? pairs(history, masks) : pairs(history, masks, layout));
    }

    /**
     * Detector–mask pairs over all sessions ({@link #pairs(CaptureHistory, List)}) times the classes of
     * {@code layout} (mixture or individual classes, each evaluated as a pass of its own over the pairs; 1
     * without classes).
     */
    public static long pairs(CaptureHistory history, List<HabitatMask> masks, ParameterLayout layout) {
        int classes = Math.max(1, Math.max(layout.mixtureClasses(), layout.individualClasses()));
        return pairs(history, masks) * classes;
    }

    /** Detector–mask pairs over all sessions. */
    public static long pairs(CaptureHistory history, List<HabitatMask> masks) {
        long n = 0;
        for (int s = 0; s < history.sessionCount(); s++) {
            HabitatMask mask = masks.size() == 1 ? masks.get(0) : masks.get(s);
            n += (long) history.session(s).detectors().size() * mask.size();
        }
        return n;
    }

    /** The result of {@link #evaluate}. */
    public static final class Evaluation {
        private final double logLik;
        private final double[] gradient;
        private final double[] esa;
        private final double[][] esaGradient;
        private final double[] maskArea;
        private final int[] n;
        private final double[][] animalLogSum;
        private final double[] expectedDetected;

        private final double[] htVariance;
        private final double[][] classEsa;
        private final boolean collapsed;

        Evaluation(double logLik, double[] gradient, double[] esa, double[][] esaGradient, double[] maskArea, int[] n,
                double[][] animalLogSum, double[] expectedDetected, double[] htVariance, double[][] classEsa,
                boolean collapsed) {
            this.collapsed = collapsed;
            this.classEsa = classEsa;
            this.htVariance = htVariance;
            this.expectedDetected = expectedDetected;
            this.logLik = logLik;
            this.gradient = gradient;
            this.esa = esa;
            this.esaGradient = esaGradient;
            this.maskArea = maskArea;
            this.n = n;
            this.animalLogSum = animalLogSum;
        }

        public double logLik() {
            return logLik;
        }

        /** Gradient with respect to the coefficients (a copy). */
        public double[] gradient() {
            return gradient == null ? null : gradient.clone();
        }

        /** Effective sampling area \( a(\theta) \) of session {@code s} in hectares (naive detection parameters). */
        public double esaHectares(int s) {
            return esa[s];
        }

        /** \( \partial a / \partial\beta \) of session {@code s} (a copy). */
        public double[] esaGradient(int s) {
            return esaGradient[s].clone();
        }

        /** Total mask area of session {@code s} in hectares. */
        public double maskAreaHectares(int s) {
            return maskArea[s];
        }

        /**
         * \( \log \sum_m \Pr(\omega_i \mid x_m) \) for animal {@code i} of session {@code s}, less the
         * animal's constant: differences between masks give posterior probabilities of location.
         */
        public double animalLogSum(int s, int i) {
            return animalLogSum[s][i];
        }

        /**
         * The expected number of animals detected in session {@code s}, \( A \sum_m D_m p_\cdot(x_m) \)
         * (full likelihood; NaN for the conditional one).
         */
        public double expectedDetected(int s) {
            return expectedDetected[s];
        }

        /**
         * \( \sum_i a_i^{-2} \) (ha\(^{-2}\)) over the animals of session {@code s} when detection depends on
         * individual covariates (conditional likelihood), the Poisson part of var(D̂); 0 otherwise.
         */
        public double horvitzThompsonVariance(int s) {
            return htVariance[s];
        }

        /** The esa (ha) of group c in session s (full likelihood with groups). */
        public double groupEsaHectares(int s, int c) {
            Checks.require(classEsa[s] != null, "session %d has no groups", s);
            return classEsa[s][c];
        }

        /** Number of animals detected in session {@code s}. */
        public int animals(int s) {
            return n[s];
        }

        /**
         * Whether this log-likelihood takes some session's detections collapsed over occasions, as secr's
         * fastproximity does for proximity detectors and counts where the model has no time or behavioural effect:
         * it then carries the coefficients of the totals (binomial over occasions for proximity detectors) and is
         * not comparable with the occasion-by-occasion form of the same data.
         */
        public boolean collapsedOverOccasions() {
            return collapsed;
        }
    }

    /** Sets session s's detection parameters of each combination at {@code beta} (in {@link Work#par}). */
    private void parameters(int s, double[] beta) {
        PredictorRow[][] rows = detectionRows[s];
        DetectionParameters[] out = work.par[s];
        DetectionFunction fn = layout.detectionFunction();
        for (int c = 0; c < rows.length; c++) {
            PredictorRow ra = rows[c][0];
            PredictorRow rs = rows[c][1];
            double ea = ra.eta(beta);
            double es = rs.eta(beta);
            double a = ra.link.fromLink(ea);
            double sigma = rs.link.fromLink(es);
            double z = 1;
            double cZ = 0;
            if (fn.hasShape()) {
                PredictorRow rz = rows[c][2];
                double ez = rz.eta(beta);
                z = rz.link.fromLink(ez);
                cZ = rz.link.dRealDEta(ez) / z;
            }
            if (!(Double.isFinite(a) && a > 0 && (fn.isHazard() || a < 1) && Double.isFinite(sigma) && sigma > 0
                    && Double.isFinite(z) && z > 0)) {
                throw new IllegalArgumentException(Checks.format("detection parameters out of range: %s = %s, sigma = %s, z = %s",
                        fn.intercept().secrName(), a, sigma, z));
            }
            out[c].set(a, sigma, z, ra.link.dRealDEta(ea) / a, rs.link.dRealDEta(es) / sigma, cZ);
        }
    }

    /** The mixing proportions at {@code beta} (in {@link Work#pi}; fixed at 1 without a mixture). */
    private double[] mixingProportions(double[] beta) {
        if (pmixRows.length > 1 && layout.individualClasses() == 0) {
            for (int k = 1; k < pmixRows.length; k++) {
                work.pmixEta[k] = pmixRows[k].eta(beta);
            }
            ParameterLayout.multinomialLogit(work.pmixEta, work.pi);
        }
        return work.pi;
    }

    /** Adds {@code slotGrad} (∂/∂η over combination × parameter slots) of session s to {@code grad} through the design. */
    private void chain(int s, double[] slotGrad, double scale, double[] grad) {
        Context[] reps = comboContexts.get(s);
        SessionKernel kernel = kernels.get(s);
        for (int j = 0; j < kernel.densityColumns; j++) {
            grad[layout.indexOf(RealParameter.D) + j] += scale * slotGrad[kernel.densityOffset + j];
        }
        int pm = reps.length * P;
        for (int k = 1; k < pmixRows.length && layout.indexOf(RealParameter.PMIX) >= 0; k++) {
            double[] x = pmixRows[k].x;
            int off = pmixRows[k].offset;
            for (int q = 0; q < x.length; q++) {
                grad[off + q] += scale * slotGrad[pm + k - 1] * x[q];
            }
        }
        for (int c = 0; c < reps.length; c++) {
            for (int j = 0; j < P; j++) {
                RealParameter p = detectionParameters[j];
                double g = slotGrad[c * P + j];
                if (p == null || g == 0) {
                    continue;
                }
                double[] x = detectionRows[s][c][j].x;
                int off = detectionRows[s][c][j].offset;
                for (int q = 0; q < x.length; q++) {
                    grad[off + q] += scale * g * x[q];
                }
            }
        }
    }

    /**
     * One evaluation: the log-likelihood at {@code beta}; the gradient (when asked) into {@link Work#grad}
     * and {@code gradOut} (when not null), and the per-session quantities into {@link #work}.
     */
    private double run(double[] beta, double[] gradOut, boolean gradient) {
        if (beta.length != layout.size()) {
            throw new IllegalArgumentException(Checks.format("beta has length %d but there are %d coefficients",
                    beta.length, layout.size()));
        }
        final Work w = work;
        for (int s = 0; s < kernels.size(); s++) {
            parameters(s, beta);
        }
        double[] pi = mixingProportions(beta);
        if (densityDesigns != null) {
            for (int s = 0; s < kernels.size(); s++) {
                densitySurface(s, beta);
            }
        }
        computeBlocks(w.par, pi, gradient);
        double logLik = 0;
        int nb = layout.size();
        double[] grad = gradient ? w.grad : null;
        if (grad != null) {
            java.util.Arrays.fill(grad, 0);
        }
        java.util.Arrays.fill(w.expectedDetected, 0);
        java.util.Arrays.fill(w.htVariance, 0);
        boolean full = options.likelihoodType() == org.secr4j.model.LikelihoodType.FULL;
        for (int s = 0; s < kernels.size(); s++) {
            SessionKernel k = kernels.get(s);
            int NS = k.nSlots;
            int n = k.nAnimals;
            w.ns[s] = n;
            w.area[s] = k.maskArea;
            w.classEsa[s] = null;
            java.util.Arrays.fill(w.esaGrad[s], 0);
            double[] logSums = w.logSums[s];
            double sumLogL = 0;
            double[] gsum = w.gsum[s];
            java.util.Arrays.fill(gsum, 0);
            double pdotSum = 0;
            double[] pdotGrad = w.pdotGrad[s];
            java.util.Arrays.fill(pdotGrad, 0);
            int t0 = sessionFirstTask[s];
            int t1 = sessionFirstTask[s + 1];
            for (int t = t0; t < t1; t++) {
                pdotSum += results[t].pdot[0];
                for (int j = 0; j < NS; j++) {
                    pdotGrad[j] += results[t].pdot[1 + j];
                }
            }
            double[] g = w.animalGrad[s];
            for (int i = 0; i < n; i++) {
                double mxi = Double.NEGATIVE_INFINITY;
                for (int t = t0; t < t1; t++) {
                    mxi = Math.max(mxi, results[t].max[i]);
                }
                double sum = 0;
                java.util.Arrays.fill(g, 0);
                for (int t = t0; t < t1; t++) {
                    SessionKernel.BlockResult r = results[t];
                    if (r.sum[i] == 0) {
                        continue;
                    }
                    double e = Math.exp(r.max[i] - mxi);
                    sum += r.sum[i] * e;
                    if (gradient) {
                        for (int j = 0; j < NS; j++) {
                            g[j] += r.grad[i * NS + j] * e;
                        }
                    }
                }
                logSums[i] = mxi + Math.log(sum);
                sumLogL += logSums[i];
                if (gradient) {
                    for (int j = 0; j < NS; j++) {
                        gsum[j] += g[j] / sum;
                    }
                }
            }
            double A = k.cellArea;
            double a = A * pdotSum;
            w.esa[s] = a;
            double[] dA = w.dA[s];
            for (int j = 0; j < NS; j++) {
                dA[j] = A * pdotGrad[j];
            }
            chain(s, dA, 1, w.esaGrad[s]);
            double ll = sumLogL + n * Math.log(A) + k.constant - k.logTies;
            double[] perSlot = w.perSlot[s];
            java.util.Arrays.fill(perSlot, 0);
            if (!full && k.individualClasses) {
                ll += LogFactorial.of(n) + individualClassTerms(s, k, A, t0, t1, gsum, perSlot);
            } else if (!full) {
                ll += LogFactorial.of(n) - n * Math.log(a);
                for (int j = 0; j < NS; j++) {
                    perSlot[j] = gsum[j] - n * dA[j] / a;
                }
            } else if (k.individualClasses) {
                ll += groupTerms(s, k, A, t0, t1, beta, gsum, perSlot, grad);
            } else if (densityDesigns != null) {
                ll += surfaceTerms(s, k, n, A, t0, t1, gsum, perSlot);
                w.expectedDetected[s] = A * weightedPdot(t0, t1, 0);
            } else {
                System.arraycopy(gsum, 0, perSlot, 0, NS);
                double aPoisson = a;
                double[] dPoisson = dA;
                if (k.mixtureClassEsa && n > 0) {
                    dPoisson = work.slotB[s];
                    aPoisson = harmonicEsa(s, k, A, t0, t1, dPoisson);
                    ll += n * Math.log(aPoisson / a);
                    for (int j = 0; j < NS; j++) {
                        perSlot[j] += n * (dPoisson[j] / aPoisson - dA[j] / a);
                    }
                }
                ll += populationTerms(s, -1, densityRows[s], n, aPoisson, dPoisson, k.maskArea, beta, perSlot, grad);
            }
            logLik += ll;
            if (gradient) {
                chain(s, perSlot, 1, grad);
            }
        }
        if (gradOut != null && grad != null) {
            System.arraycopy(grad, 0, gradOut, 0, nb);
        }
        if (!full) {
            java.util.Arrays.fill(w.expectedDetected, Double.NaN);
        }
        return logLik;
    }

    /**
     * The conditional likelihood's p· terms with individual-covariate classes: \( -\sum_i \log a_{c(i)} \)
     * with \( a_c = A\sum_m p_\cdot(x_m; \theta_c) \) (Borchers &amp; Efford 2008, eq. 7 with covariates), its
     * gradient into {@code perSlot}; sets the session's esa to the harmonic \( n / \sum_i a_{c(i)}^{-1} \)
     * (so that n / esa is the Horvitz–Thompson \( \hat D = \sum_i 1/a_{c(i)} \)) with its gradient, and
     * {@code htVariance[s]} to \( \sum_i a_{c(i)}^{-2} \) (the Poisson part of var D̂).
     */
    private double individualClassTerms(int s, SessionKernel k, double A, int t0, int t1, double[] gsum, double[] perSlot) {
        int NS = k.nSlots;
        int C = k.nClasses;
        double[] ac = work.ac[s];
        double[][] dac = work.dac[s];
        int[] count = classSums(k, A, t0, t1, ac, dac);
        double ll = 0;
        for (int j = 0; j < NS; j++) {
            perSlot[j] = gsum[j];
        }
        for (int c = 0; c < C; c++) {
            if (count[c] == 0) {
                continue;
            }
            ll -= count[c] * Math.log(ac[c]);
            for (int j = 0; j < NS; j++) {
                perSlot[j] -= count[c] * dac[c][j] / ac[c];
            }
        }
        horvitzThompson(s, k, ac, dac, count);
        return ll;
    }

    /**
     * Per class c of session s: \( a_c = A\sum_m p_\cdot(x_m;\theta_c) \) into {@code ac}, its slot
     * derivatives into {@code dac} (both overwritten); returns the number of animals of each class.
     */
    private int[] classSums(SessionKernel k, double A, int t0, int t1, double[] ac, double[][] dac) {
        int NS = k.nSlots;
        int C = k.nClasses;
        int stride = 1 + NS;
        java.util.Arrays.fill(ac, 0);
        for (double[] d : dac) {
            java.util.Arrays.fill(d, 0);
        }
        for (int t = t0; t < t1; t++) {
            double[] cp = results[t].classPdot;
            for (int c = 0; c < C; c++) {
                ac[c] += cp[c * stride];
                for (int j = 0; j < NS; j++) {
                    dac[c][j] += cp[c * stride + 1 + j];
                }
            }
        }
        for (int c = 0; c < C; c++) {
            ac[c] *= A;
            for (int j = 0; j < NS; j++) {
                dac[c][j] *= A;
            }
        }
        return k.classAnimals;
    }

    /**
     * \( \sum_c n_c/a_c \) over the classes with animals, and its slot derivatives
     * \( -\sum_c n_c\,\partial a_c/a_c^2 \) into {@code dInverse} (overwritten).
     */
    private static double inverseEsaSum(double[] ac, double[][] dac, int[] count, double[] dInverse) {
        java.util.Arrays.fill(dInverse, 0);
        double inverse = 0;
        for (int c = 0; c < ac.length; c++) {
            if (count[c] == 0) {
                continue;
            }
            inverse += count[c] / ac[c];
            for (int j = 0; j < dInverse.length; j++) {
                dInverse[j] -= count[c] * dac[c][j] / (ac[c] * ac[c]);
            }
        }
        return inverse;
    }

    /**
     * Sets session s's esa to the harmonic \( n / \sum_i a_{c(i)}^{-1} \) (n / esa is then the
     * Horvitz–Thompson \( \hat D = \sum_i 1/a_{c(i)} \)) with its gradient, and {@code htVariance[s]} to
     * \( \sum_i a_{c(i)}^{-2} \) (the Poisson part of var D̂).
     */
    private void horvitzThompson(int s, SessionKernel k, double[] ac, double[][] dac, int[] count) {
        int NS = k.nSlots;
        double[] dInverse = work.slotA[s];
        double inverse = inverseEsaSum(ac, dac, count, dInverse);
        double inverse2 = 0;
        for (int c = 0; c < ac.length; c++) {
            inverse2 += count[c] == 0 ? 0 : count[c] / (ac[c] * ac[c]);
        }
        int n = k.nAnimals;
        double aEff = n / inverse;
        work.esa[s] = aEff;
        work.htVariance[s] = inverse2;
        double[] dEff = work.slotB[s];
        for (int j = 0; j < NS; j++) {
            dEff[j] = -n * dInverse[j] / (inverse * inverse);
        }
        java.util.Arrays.fill(work.esaGrad[s], 0);
        chain(s, dEff, 1, work.esaGrad[s]);
    }

    /**
     * The full likelihood's density terms with groups (secr's {@code groups}): each group c is a
     * population of density \( D_c \) (D's design row with g = c) and esa \( a_c \); Poisson
     * \( \sum_c [-D_c a_c + n_c \log D_c] \), binomial \( \sum_c [\log N_c!/(N_c - n_c)! + (N_c - n_c)\log(1 - a_c/|M|)
     * - n_c \log|M|] \) with \( N_c = D_c|M| \). Adds the D gradient to {@code grad}, the slot gradient to
     * {@code perSlot}; sets esa (Horvitz–Thompson, as {@link #horvitzThompson}), the expected number detected and
     * each group's esa ({@code classEsa[s]}).
     */
    private double groupTerms(int s, SessionKernel k, double A, int t0, int t1, double[] beta, double[] gsum,
            double[] perSlot, double[] grad) {
        int NS = k.nSlots;
        int C = k.nClasses;
        double[] ac = work.ac[s];
        double[][] dac = work.dac[s];
        int[] count = classSums(k, A, t0, t1, ac, dac);
        System.arraycopy(gsum, 0, perSlot, 0, NS);
        double ll = 0;
        for (int c = 0; c < C; c++) {
            ll += populationTerms(s, c, groupDensityRows[s][c], count[c], ac[c], dac[c], k.maskArea, beta, perSlot, grad);
        }
        work.classEsa[s] = ac;
        horvitzThompson(s, k, ac, dac, count);
        return ll;
    }

    /**
     * {@link HcovPoissonTerm#HARMONIC}: the detected animals' harmonic esa \( \bar a = n/\sum_c n_c/a_c \), from
     * each class's \( a_c = A\sum_m p_\cdot(x_m;\theta_c) \), with its slot derivatives into {@code dBar}. The
     * Poisson term \( P(x) = n\log(Dx) - Dx \) is then taken at \( \bar a \) instead of the model's
     * \( a = \sum_c \pi_c a_c \): {@link #populationTerms} with \( \bar a \) gives \( -D\bar a + n\log D \), and the
     * caller adds the \( n\log(\bar a/a) \) that the model's animal terms do not hold (0 at the MLE, where
     * \( \bar a = a \)).
     */
    private double harmonicEsa(int s, SessionKernel k, double A, int t0, int t1, double[] dBar) {
        double[] ac = work.ac[s];
        double[][] dac = work.dac[s];
        int[] count = classSums(k, A, t0, t1, ac, dac);
        double[] dInverse = work.slotA[s];
        double inverse = inverseEsaSum(ac, dac, count, dInverse);
        double aBar = k.nAnimals / inverse;
        for (int j = 0; j < dBar.length; j++) {
            dBar[j] = -aBar * dInverse[j] / inverse;
        }
        return aBar;
    }

    /** Names session s, and group c when c ≥ 0, in errors. */
    private String where(int s, int c) {
        String session = "session '" + kernels.get(s).session.id() + "'";
        return c < 0 ? session : session + ", group " + layout.classLabel(c);
    }

    /**
     * The density terms of one population of n detected animals with esa a (ha) and density D from D's
     * design row in {@code dc}: Poisson \( -Da + n\log D \), binomial (\( N = D\,|M| \), {@code total} =
     * |M| in ha) \( \log N!/(N-n)! + (N-n)\log(1 - a/|M|) - n\log|M| \). Subtracts the esa part of the
     * slot gradient from {@code perSlot} ({@code dA} = ∂a/∂slot), adds ∂/∂β_D to {@code grad} (when
     * not null) and D·a to the session's expected number detected; returns the terms. Session s and
     * group (−1: none) name the population in errors; {@code dRow} is its D predictor.
     */
    private double populationTerms(int s, int group, PredictorRow dRow, int n, double a, double[] dA, double total,
            double[] beta, double[] perSlot, double[] grad) {
        Link ld = dRow.link;
        double eta = dRow.eta(beta);
        double D = ld.fromLink(eta);
        double dDdEta = ld.dRealDEta(eta);
        if (!(Double.isFinite(D) && D > 0)) {
            throw new IllegalArgumentException(Checks.format("density out of range in %s: D = %s", where(s, group), D));
        }
        work.expectedDetected[s] += D * a;
        double ll;
        double dEta;
        if (options.distribution() == PopulationDistribution.POISSON) {
            ll = -D * a + n * Math.log(D);
            dEta = (n / D - a) * dDdEta;
            for (int j = 0; j < perSlot.length; j++) {
                perSlot[j] -= D * dA[j];
            }
        } else {
            double N = D * total;
            if (!(N >= n)) {
                throw new IllegalArgumentException(Checks.format(
                        "%s: binomial N = D x mask area = %s is below the %d animals detected", where(s, group), N, n));
            }
            double q = 1 - a / total;
            ll = Gamma.logGamma(N + 1) - Gamma.logGamma(N - n + 1) + (N - n) * Math.log(q) - n * Math.log(total);
            dEta = (Gamma.digamma(N + 1) - Gamma.digamma(N - n + 1) + Math.log(q)) * total * dDdEta;
            for (int j = 0; j < perSlot.length; j++) {
                perSlot[j] -= (N - n) * dA[j] / total / q;
            }
        }
        if (grad != null) {
            double[] x = dRow.x;
            int iD = dRow.offset;
            for (int j = 0; j < x.length; j++) {
                grad[iD + j] += dEta * x[j];
            }
        }
        return ll;
    }

    /**
     * Fills session s's \( \log D_m \) and \( \partial\log D_m/\partial\beta_{D,j} = x_{mj}\,D'(\eta_m)/D_m \)
     * for the kernel.
     */
    private void densitySurface(int s, double[] beta) {
        double[][] x = densityDesigns.get(s);
        SessionKernel.Prepared prep = prepared[s];
        Link ld = layout.link(RealParameter.D);
        int nc = kernels.get(s).densityColumns;
        for (int m = 0; m < x.length; m++) {
            double eta = layout.eta(RealParameter.D, x[m], beta);
            double d = ld.fromLink(eta);
            if (!(d > 0) || !Double.isFinite(d)) {
                throw new IllegalArgumentException(Checks.format("density out of range in session '%s' at mask point %d: D = %s",
                        kernels.get(s).session.id(), m + 1, d));
            }
            prep.logD[m] = Math.log(d);
            double c = ld.dRealDEta(eta) / d;
            for (int j = 0; j < nc; j++) {
                prep.dLogD[m * nc + j] = x[m][j] * c;
            }
        }
    }

    /** Σ over session tasks [t0, t1) of the kernel's density-weighted p· entry {@code j} (0: the sum, 1 + slot: a derivative). */
    private double weightedPdot(int t0, int t1, int j) {
        double w = 0;
        for (int t = t0; t < t1; t++) {
            w += results[t].densityPdot[j];
        }
        return w;
    }

    /**
     * The density-dependent terms of session s's full log-likelihood for a density surface, with
     * the per-slot gradient written to {@code perSlot} (from the animals' part {@code gsum}).
     * Poisson: \( -\Lambda \), \( \Lambda = A\sum_m D_m p_\cdot(x_m) \) (the animals' \( \log D_m \)
     * is in their sums). Binomial: \( \log\frac{N!}{(N-n)!} + (N-n)\log(1 - \Lambda/N) - n\log N \),
     * \( N = A\sum_m D_m \).
     */
    private double surfaceTerms(int s, SessionKernel k, int n, double A, int t0, int t1,
            double[] gsum, double[] perSlot) {
        int NS = k.nSlots;
        double lambda = A * weightedPdot(t0, t1, 0);
        double[] dLambda = work.slotA[s];
        for (int j = 0; j < NS; j++) {
            dLambda[j] = A * weightedPdot(t0, t1, 1 + j);
        }
        if (options.distribution() == PopulationDistribution.POISSON) {
            for (int j = 0; j < NS; j++) {
                perSlot[j] = gsum[j] - dLambda[j];
            }
            return -lambda;
        }
        SessionKernel.Prepared prep = prepared[s];
        int nc = k.densityColumns;
        double N = 0;
        double[] dN = work.slotB[s];
        java.util.Arrays.fill(dN, 0);
        for (int m = 0; m < prep.logD.length; m++) {
            double d = A * Math.exp(prep.logD[m]);
            N += d;
            for (int j = 0; j < nc; j++) {
                dN[k.densityOffset + j] += d * prep.dLogD[m * nc + j];
            }
        }
        if (!(N >= n)) {
            throw new IllegalArgumentException(Checks.format(
                    "session '%s': binomial N = sum of D x cell area = %s is below the %d animals detected", k.session.id(), N, n));
        }
        double q = 1 - lambda / N;
        double dg = Gamma.digamma(N + 1) - Gamma.digamma(N - n + 1);
        for (int j = 0; j < NS; j++) {
            perSlot[j] = gsum[j] + dN[j] * (dg + Math.log(q) - n / N)
                    + (N - n) / q * (-dLambda[j] / N + lambda * dN[j] / (N * N));
        }
        return Gamma.logGamma(N + 1) - Gamma.logGamma(N - n + 1) + (N - n) * Math.log(q) - n * Math.log(N);
    }

    /**
     * Prepares each session (one thread, then the workers' shares of the factors, then of the row lists' factors and the reach, then
     * one thread again) and evaluates the blocks.
     */
    private void computeBlocks(DetectionParameters[][] par, double[] pi, boolean gradient) {
        for (int s = 0; s < kernels.size(); s++) {
            kernels.get(s).prepare(par[s], prepared[s]);
        }
        int workers = scratch.length;
        if (workers == 1) {
            prepareFactors(par, 0, 1);
            prepareListsAndReach(par, 0, 1);
            finishPreparing();
            for (int t = 0; t < results.length; t++) {
                runTask(t, 0, par, pi, gradient);
            }
            return;
        }
        jobPar = par;
        jobPi = pi;
        jobGradient = gradient;
        nextTask.set(0);
        try {
            team.run(factorJob);
            team.run(listsAndReachJob);
            finishPreparing();
            team.run(blockJob);
        } finally {
            jobPar = null;
            jobPi = null;
        }
    }

    private void prepareFactors(DetectionParameters[][] par, int worker, int workers) {
        for (int s = 0; s < kernels.size(); s++) {
            kernels.get(s).prepareFactors(par[s], prepared[s], worker, workers, scratch[worker][s]);
        }
    }

    private void prepareListsAndReach(DetectionParameters[][] par, int worker, int workers) {
        for (int s = 0; s < kernels.size(); s++) {
            kernels.get(s).prepareListsAndReach(par[s], prepared[s], worker, workers, scratch[worker][s]);
        }
    }

    private void finishPreparing() {
        for (int s = 0; s < kernels.size(); s++) {
            kernels.get(s).prepareFinish(prepared[s]);
        }
    }

    /** Worker {@code worker}'s part of an evaluation: blocks taken in turn from {@link #nextTask}. */
    private void drain(int worker) {
        for (int t = nextTask.getAndIncrement(); t < results.length; t = nextTask.getAndIncrement()) {
            runTask(t, worker, jobPar, jobPi, jobGradient);
        }
    }

    private void runTask(int t, int worker, DetectionParameters[][] par, double[] pi, boolean gradient) {
        int s = taskSession[t];
        kernels.get(s).evaluateBlock(par[s], pi, prepared[s], taskStart[t], taskEnd[t], scratch[worker][s], results[t],
                gradient);
    }

    /** Stops the worker threads (if any). */
    @Override
    public void close() {
        if (team != null) {
            team.close();
        }
    }
}
