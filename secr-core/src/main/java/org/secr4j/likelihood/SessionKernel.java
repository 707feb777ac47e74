package org.secr4j.likelihood;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.special.Gamma;
import org.secr4j.capture.Detection;
import org.secr4j.capture.Session;
import org.secr4j.detector.DetectorArray;
import org.secr4j.detector.DetectorType;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.DetectionFunction;
import org.secr4j.util.Checks;
import org.secr4j.util.LogFactorial;

/**
 * The per-session core of the SECR likelihood (Borchers &amp; Efford 2008; Efford, Borchers &amp;
 * Mowat 2013 for hazards and usage).
 *
 * <p>For activity centre \( x_m \) and detector \( k \) the unit-usage hazard is
 * \( h_k = -\log(1 - g_0 f(d)) \) (g-type) or \( \lambda_0 f(d) \) (hazard type); on occasion
 * \( s \) it is \( u_{ks} h_k \). The log-probability of animal \( i \)'s history given \( x_m \)
 * is written as a sparse sum of <em>atoms</em> shared by all animals:
 * \[ \ell_{im} = -B_{v(i)}(m) + \sum_a w_{ia} A_a(m) + c_i , \]
 * where \( B_v = c \sum_s u_{ks} h_k \) sums the hazard over the occasions an animal was at risk
 * (so \( p_\cdot(x) = 1 - e^{-B} \)), and the atoms are per-detector or per-occasion-group
 * terms:
 * <ul>
 *   <li>LH: \( \log h_k \) (multi-catch and Poisson counts);</li>
 *   <li>LPH(u): \( \log(1 - e^{-u h_k}) + u h_k \) (proximity and binomial counts);</li>
 *   <li>Q: \( H_s + \log(1 - e^{-H_s}) - \log H_s \) with \( H_s = \sum_k u_{ks} h_k \)
 *       (multi-catch competing hazards).</li>
 * </ul>
 * Detection parameters may differ between <em>combinations</em> (e.g. naive and caught for a
 * learned response {@code b}, one per occasion for {@code t}, one per detector level for a detector
 * covariate); every atom belongs to a combination, and the base sums, occasion by occasion, the
 * hazards of the combination in force at each detector (weighted hazard sums over detector
 * "groups"). A detector-specific response (bk, Bk) adds to an animal's base and competing hazards
 * sparse corrections \( \pm u_{ks} h_k \) at the detectors where its own state differs. Each
 * combination costs one pass over the detectors where it is in force per mask point; each animal
 * then adds only its own atoms. No detector-by-mask table is stored. Per animal, \( \sum_m e^{\ell_{im}} \) is
 * accumulated in log space with a running maximum, so long histories do not underflow. In dense evaluation
 * an animal is visited only at the mask points within its <em>reach</em>, beyond which a bound puts its terms
 * below \( e^{-37} \) of its largest ({@link #prepareReach} for the fused pass, {@link #prepareGeneralReach}
 * for the others), and only the per-detector atoms that the visited animals read are computed.
 *
 * <p>Immutable after construction; {@link #evaluateBlock} is thread-safe given distinct scratch
 * and output slots.
 */
final class SessionKernel {
    static final int KIND_BASE = 0;
    static final int KIND_Q = 1;
    static final int KIND_LH = 2;
    static final int KIND_LPH = 3;
    /** The density atom of a density surface: \( \log D(x_m) \), in every animal's terms. */
    static final int KIND_DENSITY = 4;
    /**
     * The location atom of a search detection (polygon, transect): \( \log\lambda_0 + \log k(|y - x|)
     * - \log\text{norm} \), the log density of its location y (see {@link SearchIntegrals}).
     */
    static final int KIND_LOC = 5;
    /** Behavioural state bits of an animal at a detector and occasion (see the constructor). */
    static final int CODE_LEARNED = 1;
    static final int CODE_TRANSIENT = 2;
    static final int CODE_DETECTOR_LEARNED = 4;
    static final int CODE_DETECTOR_TRANSIENT = 8;
    /**
     * The site responses (k, K) hold as the data say: set for every detected animal, clear for the
     * naive animal of p· (as secr, whose naive design data set k and K to FALSE).
     */
    static final int CODE_SITE = 16;
    /** Number of state codes. */
    static final int CODES = 32;
    /** Detection-parameter slots per combination (a, sigma, z). */
    static final int P = 3;
    /** Below this argument the log-of-hazard terms use their series expansions. */
    static final double SMALL = 1e-8;
    private static final double SMALL_Q = 1e-4;
    /** Above this series threshold \( -\log(1-v) \) is computed with {@code Math.log}. */
    static final double SERIES_V = 1e-4;
    /**
     * A term \( e^{\ell - \max} \) below \( e^{-37} < 2^{-53} \) cannot change a running sum that
     * is at least 1, so its exp is not computed.
     */
    static final double NEGLIGIBLE_LOG = -37;
    /** Largest per-row detector table (ints) of local evaluation. */
    private static final long MAX_LOCAL_ROWS = 8_000_000L;
    /** Largest separable table (doubles) per session, over all combinations (also the search rectangles' factors). */
    private static final long MAX_SEPARABLE = 4_000_000L;
    /** Fewest mask points per row for which per-row animal lists pay for their construction. */
    private static final int ROW_LIST_POINTS = 16;
    /**
     * The sums the constructor's maps merge with ({@code Map.merge}), one object each for every call site (the
     * constructor and its helpers have 23). Here and in the kernel's construction, classes and loops stand where
     * lambdas and method references would be linked at their first use (an invokedynamic bootstrap, 0.1–0.5 ms each),
     * which a fresh JVM pays at each site: about 6% of a small fit's time (captdata_HN_CL, async-profiler,
     * {@code benchmarks/RESULTS.md}).
     */
    private static final java.util.function.BinaryOperator<Double> SUM_DOUBLES = new java.util.function.BinaryOperator<>() {
        @Override
        public Double apply(Double a, Double b) {
            return a + b;
        }
    };
    private static final java.util.function.BinaryOperator<Integer> SUM_INTS = new java.util.function.BinaryOperator<>() {
        @Override
        public Integer apply(Integer a, Integer b) {
            return a + b;
        }
    };
    /** Relative widening of the row lists' intervals: they must hold every animal the exact tests keep. */
    private static final double ROW_LIST_SLACK = 1e-9;
    /**
     * Most individual classes (groups, individual covariates of a conditional likelihood) evaluated class by
     * class with {@link #classKernel}: each class has a preparation of its own (row tables, reach and row
     * lists, per evaluation), and a numeric covariate makes a class of each distinct value; more take the
     * general kernel.
     */
    private static final int MAX_INDIVIDUAL_CLASS_PASSES = 4;
    /** Most mask points of one row segment ({@link #evaluateSegments}). */
    static final int SEGMENT = 128;
    /** Stride of the segment tables: a segment and the lanes a kernel may write past it. */
    private static final int SEGMENT_STRIDE = SEGMENT + ProximityPass.MAX_LANES;

    final Session session;
    final int nDetectors;
    final int nMask;
    final int nAnimals;
    final double[] kx;
    final double[] ky;
    final double[] mx;
    final double[] my;
    final double cellArea;
    final double maskArea;
    final DetectionFunction fn;
    final boolean gType;
    final boolean hasZ;
    /** Number of parameter combinations and gradient slots (P per combination, then one per pmix coefficient). */
    final int nCombos;
    final int nSlots;
    /**
     * Density surface: number of D coefficients (0 for a constant D), whose gradient slots follow the
     * detection and pmix slots from {@code densityOffset}; the density atom (-1 without a surface).
     */
    final int densityColumns;
    final int densityOffset;
    final int densityAtom;
    /** Mixture classes (1 without a mixture), or individual-covariate classes. */
    final int nClasses;
    /**
     * The classes are those of individual covariates (conditional likelihood): every animal's class is
     * known, there is no pmix, and p· is summed per class ({@link BlockResult#classPdot}).
     */
    final boolean individualClasses;
    /** Gradient slots of the mixing proportions (classes − 1 for a mixture, 0 for individual classes). */
    final int pmixSlots;
    /**
     * Individual classes, or a known-class mixture with {@link #mixtureClassEsa}: the number of animals
     * of each class (empty otherwise).
     */
    final int[] classAnimals;
    /**
     * A known-class (hcov) mixture whose evaluation also sums p· per class into
     * {@link BlockResult#classPdot} (for {@link HcovPoissonTerm#HARMONIC}).
     */
    final boolean mixtureClassEsa;
    /** Per class, the atom of the naive base (p· of that class). */
    final int[] naiveAtoms;
    /** Per animal, its entries [animalEntries[i], animalEntries[i+1]) in the term lists; each entry one class. */
    final int[] animalEntries;
    final int[] entryClass;
    /**
     * Detector weight vectors ("groups"): a weighted hazard sum \( \sum_k w_k h^c_k \) of a combination
     * is taken over one of them. An occasion's usage restricted to the detectors where a combination
     * is in force is one; a detector-specific response (bk, Bk) adds sparse corrections with weights
     * \( \pm u_{ks} \). Per group: its detectors with non-zero weight (ascending) and their weights, and
     * the weights as a dense vector over all detectors (local evaluation only; else null).
     */
    final int nGroups;
    final int[][] groupIndex;
    final double[][] groupWeight;
    final double[][] groupDense;
    final boolean[] groupUnit; // weight 1 at every detector
    // (combination, group) pairs whose hazard sums are needed
    final int[] pairCombo;
    final int[] pairGroup;
    // base variants: coefficients over pairs
    final int[][] basePairs;
    final double[][] baseCoef;
    /** Hazard sets of the Q atoms (an occasion's competing hazards \( H_s \)): coefficients over pairs. */
    final int[][] hazardPairs;
    final double[][] hazardCoef;
    /**
     * Per combination, the detectors where it is ever in force (ascending), or null when that is every
     * detector: the detector pass computes its hazards there only.
     */
    final int[][] support;
    /** Whether some combination is in force at some detectors only. */
    final boolean hasPartialSupport;
    // atoms
    final int nAtoms;
    final int[] atomKind;
    final int[] atomArg; // detector (LH, LPH), pair (Q) or variant (BASE)
    final int[] atomCombo;
    /**
     * Per atom, the gradient slots {@code [atomSlotLo, atomSlotHi)} it can write: its combination's P (detector and
     * location atoms), those of the combinations its pairs belong to (bases, Q atoms), the density slots (the
     * density atom). Its other slots stay 0, and {@link #animalsWithGradient} leaves them out.
     */
    final int[] atomSlotLo;
    final int[] atomSlotHi;
    final double[] atomUsage;
    /**
     * LPH atoms of g-type functions at unit usage (\( \log g_k + h_k \), the common camera-trap case),
     * and the other non-base atoms. A non-base atom's gradient lives in its combination's P slots
     * only; the other slots of its row stay zero from allocation.
     */
    final int[] unitProximityAtoms;
    final int[] otherAtoms;
    /** Atom index of each base variant (variant 0, the naive base, is atom 0). */
    final int[] baseAtoms;
    /**
     * Per combination: the pair whose hazard sums the detector pass accumulates itself, or -1: a pair at unit
     * usage, or the {@link #simple} model's one pair, whose detector weights are {@link #hazardWeight}.
     */
    final int[] fusedPair;
    /**
     * The {@link #simple} model's detector weights in its hazard sums, when they are not 1 at every detector
     * (cameras that did not run on every occasion); null otherwise. The base is \( B = \bar w \sum_k w_k h_k \):
     * \( \bar w w_k \) is the detector's usage summed over the occasions (times the binomial size of counts),
     * and \( \bar w \), the base's coefficient, the commonest such total ({@code Plan.mergedBase}). The
     * per-detector atoms are those of one occasion at unit usage (binary proximity usage, counts), so only the
     * sums are weighted.
     */
    final double[] hazardWeight;
    // animals (CSR)
    final int[] animalStart;
    final int[] termAtom;
    final double[] termWeight;
    /** Sum over animals of the constants c_i (log usage, log binomial coefficients, ...). */
    final double constant;
    /** Sum over distinct histories of log(n_omega!). */
    final double logTies;
    /**
     * Half-normal on a grid: \( e^{-d^2/2\sigma^2} = e^{-\Delta x^2/2\sigma^2} e^{-\Delta y^2/2\sigma^2} \),
     * with the factors tabulated per distinct mask column (row) and detector once per evaluation.
     */
    final boolean separable;
    final double[] columnX;
    final double[] rowY;
    /**
     * The detectors' distinct x (y) coordinates and each detector's index among them: a separable factor
     * depends on the detector only through its coordinate, so a grid of detectors needs one exp per
     * distinct coordinate and mask column (row), not per detector ({@link #separableFactors}).
     */
    final double[] detectorXs;
    final double[] detectorYs;
    final int[] detectorXLevel;
    final int[] detectorYLevel;
    final int[] columnOf;
    final int[] rowOf;
    /**
     * Local evaluation ({@link LikelihoodOptions#localEvaluation()}): per mask row, the detectors
     * within the truncation radius in y, sorted by x, so that those within the radius in x are one
     * contiguous run (the per-point path; row segments keep each detector's points within the disc,
     * {@link #detectorRanges}). Null when off (or the mask has too many rows).
     */
    final boolean localEnabled;
    final int[] detectorsByX;
    /** 0, 1, …, K − 1: the detector list of dense evaluation. */
    final int[] allDetectors;
    /** The largest distance between two detectors of one animal: the radius is at least half of it. */
    final double maxSpan;
    /**
     * Local evaluation visits, at mask point m, only the animals whose <em>anchor</em> (the detector
     * of their first per-detector atom) lies within the radius: any other animal has an atom of
     * \( -\infty \) there. CSR by detector, animals ascending; {@code freeAnimals} have no anchor
     * (no detections in this session) and are always visited.
     */
    final int[] anchorStart;
    final int[] anchorAnimals;
    final int[] freeAnimals;
    /** Per animal, its anchor detector, or -1 (no detections in this session). */
    final int[] anchorOf;
    /**
     * Simple model: the per-animal pass takes its candidates from per-row lists built once per
     * evaluation ({@link #prepareRowAnimals}) instead of testing every animal at every mask point;
     * used when the mask has at least {@link #ROW_LIST_POINTS} points per row.
     */
    final boolean rowLists;
    /**
     * Simple separable model with {@link #rowLists}: the mask is evaluated in row segments
     * ({@link #evaluateSegments}); with the vector kernel, for proximity detectors only.
     */
    final boolean segments;
    /** 0, 1, …, n − 1: the animals dense evaluation visits. */
    final int[] allAnimals;
    /** Per detector, its per-detector (LH, LPH) atoms (CSR); Q atoms, which belong to no detector. */
    final int[] detectorAtomStart;
    final int[] detectorAtoms;
    final int[] qAtoms;
    /**
     * The common models of one combination, no mixture, half-normal (g-type HN or hazard HHN), with one
     * hazard sum: proximity detectors at binary usage (every animal's terms are its base and per-detector LPH
     * atoms at unit usage; the base weighted by {@link #hazardWeight} where usage is not 1 everywhere) or
     * multi-catch traps at unit usage and Poisson counts (its base, per-detector LH atoms \( \log h_k \) and,
     * for traps, the one Q atom of the competing hazards). {@link ProximityPass} computes the
     * per-detector atoms in one loop with the hazard sums. Per animal (CSR): its base atom, and its
     * detectors with their weights.
     */
    final boolean simple;
    /** The simple model's per-detector atoms are \( \log h_k \) (LH), not LPH. */
    final boolean simpleHazardAtoms;
    /** The simple model's Q atom (multi-catch), or -1; per animal the weight of its Q terms. */
    final int simpleQ;
    final double[] simpleQWeight;
    final ProximityPass pass;
    final int[] simpleBase;
    /**
     * Simple model with {@link #rowLists}: per atom its slot among the atoms the animals read (bases and
     * the Q atom), or -1; the number of such slots.
     */
    final int[] simpleSlot;
    final int simpleSlots;
    /** Per slot of {@link #simpleSlot}, its atom. */
    final int[] simpleSlotAtom;
    final int[] simpleStart;
    final int[] simpleDetector;
    final double[] simpleWeight;
    /**
     * Reach of each animal in dense evaluation of the simple model: the weighted centroid of its
     * detections, the total weight W, the inertia \( I = \sum_t w_t |k_t - \bar c|^2 \), and the
     * mask point nearest the centroid (where a lower bound of its largest term is evaluated). The general
     * kernel has {@link #reachPoint} alone, from {@link #probePoints}, or null where no reach is bounded.
     */
    final double[] reachX;
    final double[] reachY;
    final double[] reachW;
    final double[] reachI;
    final int[] reachPoint;
    /**
     * General kernel with a bounded reach ({@link #probePoints}): per animal its distinct per-detector atoms
     * (LH, LPH), {@code [animalAtomStart[i], animalAtomStart[i + 1])} of {@link #animalAtoms}; null otherwise.
     */
    final int[] animalAtomStart;
    final int[] animalAtoms;
    /**
     * A term more than this below an animal's largest (known lower bound) is not visited: all such
     * terms together are below \( e^{-38} \) of the sum, which a double cannot hold.
     */
    final double reachLog;
    /**
     * {@link #restBounded}'s allowance for rounding: a pair's coefficient \( E_q \) up to this fraction of the
     * sum of its terms' magnitudes counts as 0 (it adds at most that fraction of \( H_q \) to the bound, far
     * below the 1 of {@link #reachLog}'s margin).
     */
    private static final double REST_ROUNDING = 1e-12;
    final double maskSpacing;
    /** Search detectors: their integrated kernels; null for point detectors. */
    final SearchIntegrals search;
    /** Search detectors that are all rectangles along the axes: their integrals from per-column and per-row factors. */
    final boolean searchBoxes;
    /** Search detectors: the location of each location atom's detection (by atom argument). */
    final double[] locX;
    final double[] locY;
    /** The location atoms (computed with the search pass, not by {@link #atoms}). */
    final int[] locationAtoms;
    /**
     * Classes (a finite mixture h2/h3, a known-class hcov mixture, or up to
     * {@link #MAX_INDIVIDUAL_CLASS_PASSES} individual classes: groups, individual covariates) whose every
     * class has one parameter combination that the fused pass covers: a one-class {@link #simple} kernel of
     * the same session, which evaluates each class in turn with that class's parameters (its tables depend
     * on the data only), and per class its combination here; null otherwise. Per animal and class the fused
     * pass gives \( S_{ic} = \sum_m e^{\ell_{icm}} \), and since the sums over mask points and over classes
     * commute, \( \sum_m \sum_c \pi_c e^{\ell_{icm}} = \sum_c \pi_c S_{ic} \) over the animal's classes
     * ({@link #evaluateClasses}); likewise \( p_\cdot = \sum_c \pi_c p_{\cdot c} \) (Borchers &amp; Efford 2008,
     * section 4; Pledger 2000), or per class for individual classes.
     */
    final SessionKernel classKernel;
    final int[] classCombo;
    /**
     * Whether the detections are taken collapsed over occasions (secr's fastproximity: proximity detectors at binary
     * usage and counts, models without time or behavioural effects): the log-likelihood then carries the binomial
     * (or Poisson) coefficients of the totals, and differs by them from the occasion-by-occasion form.
     */
    final boolean collapsed;

    /**
     * @param comboOf {@code comboOf[class][code][s][k]}: the combination in force for mixture class
     *     {@code class} on occasion {@code s} at detector {@code k} (the last dimension has length 1 when
     *     no parameter varies by detector), for an animal whose behavioural state there is {@code code}:
     *     bits {@link #CODE_LEARNED} (b), {@link #CODE_TRANSIENT} (B), {@link #CODE_DETECTOR_LEARNED} (bk)
     *     {@link #CODE_DETECTOR_TRANSIENT} (Bk) and {@link #CODE_SITE} (k, K as observed)
     * @param usedCodes the code bits the model uses (the others are never set)
     * @param nCombos number of combinations
     */
    SessionKernel(Session session, HabitatMask mask, DetectionFunction fn, int binomN, boolean fastProximity,
            int[][][][] comboOf, int usedCodes, int nCombos, int[] animalClass, boolean individual, boolean local,
            ProximityPass pass, int densityColumns, boolean mixtureClassEsa) {
        this.nClasses = comboOf.length;
        this.mixtureClassEsa = mixtureClassEsa;
        this.individualClasses = individual;
        this.pmixSlots = individual ? 0 : nClasses - 1;
        this.session = session;
        DetectorArray det = session.detectors();
        this.nDetectors = det.size();
        this.nMask = mask.size();
        this.nAnimals = session.animals();
        this.kx = det.xs();
        this.ky = det.ys();
        this.mx = mask.xs();
        this.my = mask.ys();
        this.cellArea = mask.cellAreaHectares();
        this.maskArea = mask.areaHectares();
        this.fn = fn;
        this.gType = !fn.isHazard();
        this.hasZ = fn.hasShape();
        this.nCombos = nCombos;
        this.densityColumns = densityColumns;
        this.densityOffset = nCombos * P + pmixSlots;
        this.nSlots = densityOffset + densityColumns;
        DetectorType type = det.type();
        this.search = type.isSearch() ? new SearchIntegrals(det, fn) : null;
        List<double[]> locations = new ArrayList<>();
        int S = session.occasions();
        final int K = nDetectors;
        Plan plan = new Plan(comboOf, usedCodes, K, local);

        boolean count = type == DetectorType.COUNT;
        double c = count && binomN > 1 ? binomN : 1;
        boolean binaryUsage = true;
        boolean integerUsage = true;
        boolean unitUsage = true;
        double[][] usage = new double[S][K]; // [s][k]
        for (int k = 0; k < nDetectors; k++) {
            for (int s = 0; s < S; s++) {
                double u = det.usage(k, s);
                usage[s][k] = u;
                binaryUsage &= u == 0 || u == 1;
                unitUsage &= u == 1;
                integerUsage &= u == Math.rint(u);
            }
        }
        if (count && binomN == 1) {
            Checks.require(integerUsage, "session '%s': binomN = 1 (binomial size = usage) needs whole-number usage",
                    session.id());
        }

        AtomTable atoms = new AtomTable();
        // one weighted hazard sum per base instead of one per distinct occasion usage (cameras that failed),
        // scaled so that most detectors have weight 1 (unit usage keeps its occasion pairs: the same sums)
        boolean merged = plan.constantPerClass() && !plan.byDetector
                && (type == DetectorType.PROXIMITY || type == DetectorType.COUNT) && !unitUsage;
        // base variant 0: never caught, at risk on every occasion (gives p.)
        this.naiveAtoms = new int[nClasses];
        for (int cl = 0; cl < nClasses; cl++) {
            Map<Integer, Double> coef = new java.util.TreeMap<>();
            if (merged) {
                coef = plan.mergedBase(cl, S - 1, usage, c);
            } else {
                for (int s = 0; s < S; s++) {
                    for (int q : plan.occasionPairs(cl, 0, s, usage[s])) {
                        coef.merge(q, c, SUM_DOUBLES);
                    }
                }
            }
            naiveAtoms[cl] = atoms.id(KIND_BASE, plan.variant(coef), 0, 0);
        }

        List<Detection> dets = session.detections();
        int[] start;
        List<int[]> termsAtom = new ArrayList<>();
        List<double[]> termsWeight = new ArrayList<>();
        double constSum = 0;
        Map<String, Integer> ties = new HashMap<>();
        boolean collapse = plan.constantPerClass() && fastProximity && ((type == DetectorType.PROXIMITY && binaryUsage)
                || (count && binomN == 0) || (count && binomN == 1));
        this.collapsed = collapse;
        int d = 0;
        List<Integer> entriesStart = new ArrayList<>();
        List<Integer> entriesClass = new ArrayList<>();
        int[] animalEntry = new int[nAnimals + 1];
        int running = 0;
        for (int i = 0; i < nAnimals; i++) {
            int r = session.removedOn(i);
            int lastOcc = r < 0 ? S - 1 : r;
            List<Detection> mine = new ArrayList<>();
            for (; d < dets.size() && dets.get(d).animal() == i; d++) {
                mine.add(dets.get(d));
            }
            AnimalStates states = new AnimalStates(mine, S, usedCodes);
            int[] locationOf = new int[mine.size()];
            Map<Long, Integer> perCell = new LinkedHashMap<>(); // search counts: detections per occasion and detector
            for (int j = 0; j < mine.size() && search != null; j++) {
                Detection x = mine.get(j);
                locationOf[j] = locations.size();
                locations.add(new double[] {x.x(), x.y()});
                perCell.merge((long) x.occasion() * K + x.detector(), 1, SUM_INTS);
            }
            StringBuilder key = new StringBuilder().append(r).append('|');
            if (individual) { // animals with one history but different covariates are not ties
                key.append(animalClass[i]).append('|');
            }
            Map<Integer, Integer> totals = new LinkedHashMap<>();
            for (Detection x : mine) {
                totals.merge(x.detector(), x.count(), SUM_INTS);
                if (!collapse) {
                    key.append(x.occasion()).append(':').append(x.detector()).append(':').append(x.count()).append(',');
                }
            }
            animalEntry[i] = entriesClass.size();
            for (int y : perCell.values()) { // the Poisson counts' 1/y!
                constSum -= type.isExclusive() ? 0 : LogFactorial.of(y);
            }
            for (int cl = 0; cl < nClasses; cl++) {
                if (animalClass != null && animalClass[i] >= 0 && animalClass[i] != cl) {
                    continue;
                }
                boolean firstClass = entriesClass.size() == animalEntry[i];
                Map<Integer, Double> coef = new java.util.TreeMap<>();
                Map<Integer, double[]> corrections = new java.util.TreeMap<>();
                if (merged) { // one combination throughout: no state, so no corrections
                    coef = plan.mergedBase(cl, lastOcc, usage, c);
                } else {
                    for (int s = 0; s <= lastOcc; s++) {
                        for (int q : plan.occasionPairs(cl, states.animalCode(s), s, usage[s])) {
                            coef.merge(q, c, SUM_DOUBLES);
                        }
                        plan.corrections(cl, states, s, usage[s], corrections);
                    }
                }
                for (Map.Entry<Integer, double[]> e : corrections.entrySet()) {
                    coef.merge(plan.pair(e.getKey(), plan.group(e.getValue())), c, SUM_DOUBLES);
                }
                int v = plan.variant(coef);
                Map<Integer, Double> terms = new LinkedHashMap<>();
                terms.merge(atoms.id(KIND_BASE, v, 0, 0), -1.0, SUM_DOUBLES);
                if (densityColumns > 0) {
                    terms.merge(atoms.id(KIND_DENSITY, 0, 0, 0), 1.0, SUM_DOUBLES);
                }
                for (int jx = 0; jx < mine.size(); jx++) {
                    Detection x = mine.get(jx);
                    int k = x.detector();
                    int s = x.occasion();
                    int y = x.count();
                    int combo = plan.combo(cl, states.code(s, k), s, k);
                    double u = det.usage(k, s);
                    switch (type) {
                        case POLYGON_X:
                        case TRANSECT_X: { // competing hazards as multi-catch, the detector's hazard at the location
                            int hs = plan.hazardSet(cl, states, s, usage[s]);
                            terms.merge(atoms.id(KIND_Q, hs, plan.hazardCombo(hs), 0), 1.0, SUM_DOUBLES);
                            terms.merge(atoms.id(KIND_LOC, locationOf[jx], combo, 0), 1.0, SUM_DOUBLES);
                            if (firstClass) {
                                constSum += Math.log(u);
                            }
                            break;
                        }
                        case POLYGON:
                        case TRANSECT: // Poisson count per occasion and detector, each detection at its location
                            terms.merge(atoms.id(KIND_LOC, locationOf[jx], combo, 0), 1.0, SUM_DOUBLES);
                            if (firstClass) {
                                constSum += Math.log(u);
                            }
                            break;
                        case MULTI:
                        case SINGLE: {
                            int hs = plan.hazardSet(cl, states, s, usage[s]);
                            terms.merge(atoms.id(KIND_Q, hs, plan.hazardCombo(hs), 0), 1.0, SUM_DOUBLES);
                            terms.merge(atoms.id(KIND_LH, k, combo, 0), 1.0, SUM_DOUBLES);
                            if (firstClass) {
                                constSum += Math.log(u);
                            }
                            break;
                        }
                        case PROXIMITY:
                            terms.merge(atoms.id(KIND_LPH, k, combo, u), 1.0, SUM_DOUBLES);
                            break;
                        case COUNT:
                            if (binomN == 0) {
                                terms.merge(atoms.id(KIND_LH, k, combo, 0), (double) y, SUM_DOUBLES);
                                if (!collapse && firstClass) {
                                    constSum += y * Math.log(u) - LogFactorial.of(y);
                                }
                            } else if (binomN == 1) {
                                Checks.require(y <= u, "session '%s', animal '%s', occasion %d, detector '%s': count %d exceeds usage %s (binomN = 1)",
                                        session.id(), session.animalId(i), s + 1, det.id(k), y, u);
                                terms.merge(atoms.id(KIND_LPH, k, combo, 1.0), (double) y, SUM_DOUBLES);
                                if (!collapse && firstClass) {
                                    constSum += logChoose(u, y);
                                }
                            } else {
                                Checks.require(y <= binomN, "session '%s', animal '%s', occasion %d, detector '%s': count %d exceeds binomN %d",
                                        session.id(), session.animalId(i), s + 1, det.id(k), y, binomN);
                                terms.merge(atoms.id(KIND_LPH, k, combo, u), (double) y, SUM_DOUBLES);
                                if (firstClass) {
                                    constSum += logChoose(binomN, y);
                                }
                            }
                            break;
                        default:
                            throw new IllegalStateException("unsupported detector type " + type);
                    }
                }
                SparseKey entry = SparseKey.of(terms);
                termsAtom.add(entry.index());
                termsWeight.add(entry.value());
                entriesStart.add(running);
                running += entry.index().length;
                entriesClass.add(cl);
            }
            if (collapse) {
                for (Map.Entry<Integer, Integer> e : totals.entrySet()) {
                    int k = e.getKey();
                    int w = e.getValue();
                    key.append(k).append(':').append(w).append(',');
                    double total = 0;
                    for (int s = 0; s <= lastOcc; s++) {
                        total += det.usage(k, s);
                    }
                    if (count && binomN == 0) {
                        constSum += w * Math.log(total) - LogFactorial.of(w);
                    } else {
                        constSum += logChoose(total, w);
                    }
                }
            }
            ties.merge(key.toString(), 1, SUM_INTS);
        }
        animalEntry[nAnimals] = entriesClass.size();
        int nEntries = entriesClass.size();
        start = new int[nEntries + 1];
        for (int e = 0; e < nEntries; e++) {
            start[e] = entriesStart.get(e);
        }
        start[nEntries] = running;
        this.animalEntries = animalEntry;
        this.entryClass = ints(entriesClass);
        boolean counted = individual || mixtureClassEsa;
        this.classAnimals = new int[counted ? nClasses : 0];
        for (int i = 0; counted && i < nAnimals; i++) { // every class known (SecrLikelihood.of checks)
            classAnimals[animalClass[i]]++;
        }
        double lt = 0;
        for (int t : ties.values()) {
            lt += LogFactorial.of(t);
        }
        // secr reports search-detector likelihoods without the multinomial coefficient n!/prod n_w!
        // (every history is distinct by its locations): Poisson(n) times prod f(w_i) / n!
        this.logTies = search != null ? LogFactorial.of(nAnimals) : lt;
        this.locX = new double[locations.size()];
        this.locY = new double[locations.size()];
        for (int j = 0; j < locX.length; j++) {
            locX[j] = locations.get(j)[0];
            locY[j] = locations.get(j)[1];
        }
        this.constant = constSum;
        this.animalStart = start;
        this.termAtom = new int[start[nEntries]];
        this.termWeight = new double[start[nEntries]];
        for (int e = 0; e < nEntries; e++) {
            System.arraycopy(termsAtom.get(e), 0, termAtom, start[e], termsAtom.get(e).length);
            System.arraycopy(termsWeight.get(e), 0, termWeight, start[e], termsWeight.get(e).length);
        }
        this.basePairs = plan.variantPairs.toArray(new int[0][]);
        this.baseCoef = plan.variantCoef.toArray(new double[0][]);
        this.hazardPairs = plan.hazardPairs.toArray(new int[0][]);
        this.hazardCoef = plan.hazardCoef.toArray(new double[0][]);
        this.nGroups = plan.groupIdx.size();
        this.groupIndex = plan.groupIdx.toArray(new int[0][]);
        this.groupWeight = plan.groupW.toArray(new double[0][]);
        this.groupDense = plan.groupDense.toArray(new double[0][]);
        this.groupUnit = new boolean[nGroups];
        for (int g = 0; g < nGroups; g++) {
            groupUnit[g] = groupIndex[g].length == K && allOnes(groupWeight[g]);
        }
        this.pairCombo = new int[plan.pairs.size()];
        this.pairGroup = new int[plan.pairs.size()];
        for (Map.Entry<Long, Integer> e : plan.pairs.entrySet()) {
            pairCombo[e.getValue()] = (int) (e.getKey() >>> 32);
            pairGroup[e.getValue()] = (int) (e.getKey() & 0xffffffffL);
        }
        this.support = plan.support(nCombos);
        boolean partial = false;
        for (int[] x : support) {
            partial |= x != null;
        }
        this.hasPartialSupport = partial;
        this.nAtoms = atoms.kind.size();
        this.atomKind = ints(atoms.kind);
        this.atomArg = ints(atoms.arg);
        this.atomCombo = ints(atoms.combo);
        this.atomUsage = new double[nAtoms];
        for (int t = 0; t < nAtoms; t++) {
            atomUsage[t] = atoms.usage.get(t);
        }
        List<Integer> fast = new ArrayList<>();
        List<Integer> other = new ArrayList<>();
        List<Integer> location = new ArrayList<>();
        List<Integer> q = new ArrayList<>();
        List<Integer> perDetector = new ArrayList<>();
        this.baseAtoms = new int[basePairs.length];
        for (int t = 0; t < nAtoms; t++) {
            if (atomKind[t] == KIND_BASE) {
                baseAtoms[atomArg[t]] = t;
            }
            if (atomKind[t] == KIND_LPH && gType && atomUsage[t] == 1) {
                fast.add(t);
                perDetector.add(t);
            } else if (atomKind[t] != KIND_BASE && atomKind[t] != KIND_DENSITY && atomKind[t] != KIND_LOC) {
                other.add(t);
                (atomKind[t] == KIND_Q ? q : perDetector).add(t);
            }
            if (atomKind[t] == KIND_LOC) {
                location.add(t);
            }
        }
        this.atomSlotLo = new int[nAtoms];
        this.atomSlotHi = new int[nAtoms];
        for (int t = 0; t < nAtoms; t++) {
            int[] prs = atomKind[t] == KIND_BASE ? basePairs[atomArg[t]] : atomKind[t] == KIND_Q ? hazardPairs[atomArg[t]] : null;
            if (prs != null) {
                int lo = nCombos;
                int hi = -1;
                for (int pair : prs) {
                    lo = Math.min(lo, pairCombo[pair]);
                    hi = Math.max(hi, pairCombo[pair]);
                }
                atomSlotLo[t] = hi < 0 ? 0 : lo * P;
                atomSlotHi[t] = hi < 0 ? 0 : (hi + 1) * P;
            } else if (atomKind[t] == KIND_DENSITY) {
                atomSlotLo[t] = densityOffset;
                atomSlotHi[t] = nSlots;
            } else {
                atomSlotLo[t] = atomCombo[t] * P;
                atomSlotHi[t] = atomCombo[t] * P + P;
            }
        }
        this.unitProximityAtoms = ints(fast);
        this.locationAtoms = ints(location);
        this.otherAtoms = ints(other);
        this.qAtoms = ints(q);
        // by detector, then atom id (a counting sort: stable, and perDetector is in id order)
        this.detectorAtomStart = new int[nDetectors + 1];
        for (int t : perDetector) {
            detectorAtomStart[atomArg[t] + 1]++;
        }
        for (int k = 0; k < nDetectors; k++) {
            detectorAtomStart[k + 1] += detectorAtomStart[k];
        }
        this.detectorAtoms = new int[perDetector.size()];
        int[] fill = Arrays.copyOf(detectorAtomStart, nDetectors);
        for (int t : perDetector) {
            detectorAtoms[fill[atomArg[t]]++] = t;
        }
        int[] anchor = new int[nAnimals];
        int[] perAnchor = new int[nDetectors + 1];
        List<Integer> free = new ArrayList<>();
        for (int i = 0; i < nAnimals; i++) {
            anchor[i] = -1;
            int e = animalEntry[i];
            if (e < animalEntry[i + 1]) {
                for (int t = start[e]; t < start[e + 1]; t++) {
                    if (isDetectorAtom(termAtom[t]) && termWeight[t] > 0) {
                        anchor[i] = atomArg[termAtom[t]];
                        break;
                    }
                }
            }
            if (anchor[i] < 0) {
                free.add(i);
            } else {
                perAnchor[anchor[i] + 1]++;
            }
        }
        for (int k = 0; k < nDetectors; k++) {
            perAnchor[k + 1] += perAnchor[k];
        }
        this.anchorStart = perAnchor.clone();
        this.anchorAnimals = new int[nAnimals - free.size()];
        for (int i = 0; i < nAnimals; i++) {
            if (anchor[i] >= 0) {
                anchorAnimals[perAnchor[anchor[i]]++] = i;
            }
        }
        this.freeAnimals = ints(free);
        this.anchorOf = anchor;
        this.allAnimals = identity(nAnimals);
        // the hazard form (HHN) has no vector kernel: its multi-catch pass needs no transcendental function
        this.pass = gType ? pass : ProximityPass.scalar();
        int da = -1;
        for (int t = 0; t < nAtoms; t++) {
            if (atomKind[t] == KIND_DENSITY) {
                da = t;
            }
        }
        this.densityAtom = da;
        boolean hazardAtomsOnly = otherAtoms.length > 0;
        // the hazard half-normal's proximity atoms at unit usage (its g-type twin's are unitProximityAtoms)
        boolean hazardOddsOnly = !gType && otherAtoms.length > 0;
        for (int t : otherAtoms) {
            hazardAtomsOnly &= atomKind[t] == KIND_LH || isUnitQ(t);
            hazardOddsOnly &= atomKind[t] == KIND_LPH && atomUsage[t] == 1;
        }
        this.simpleHazardAtoms = unitProximityAtoms.length == 0 && hazardAtomsOnly;
        this.simple = densityColumns == 0 && nCombos == 1 && nClasses == 1 && !individual && search == null
                && (fn == DetectionFunction.HN || fn == DetectionFunction.HHN)
                && (otherAtoms.length == 0 || simpleHazardAtoms || hazardOddsOnly)
                && pairCombo.length == 1 && !hasZ;
        // the general kernel's detector pass sums unit weights; the simple model's pass weighs its one pair
        this.fusedPair = new int[nCombos];
        Arrays.fill(fusedPair, -1);
        int[] pairsOfCombo = new int[nCombos];
        for (int pq = 0; pq < pairCombo.length; pq++) {
            pairsOfCombo[pairCombo[pq]]++;
        }
        for (int pq = 0; pq < pairCombo.length; pq++) {
            if (pairsOfCombo[pairCombo[pq]] == 1 && (groupUnit[pairGroup[pq]] || simple) && !hasZ) {
                fusedPair[pairCombo[pq]] = pq;
            }
        }
        this.columnX = distinctSorted(mx);
        this.columnOf = levels(mx, columnX);
        NearestPoint nearest = new NearestPoint(mx, my, columnX, columnOf);
        this.hazardWeight = simple && !groupUnit[pairGroup[0]] ? denseWeights(pairGroup[0]) : null;
        if (simple) {
            simpleBase = new int[nAnimals];
            simpleStart = new int[nAnimals + 1];
            simpleQWeight = new double[nAnimals];
            simpleQ = qAtoms.length == 1 ? qAtoms[0] : -1;
            int n = 0;
            for (int t = 0; t < termAtom.length; t++) {
                n += isDetectorAtom(termAtom[t]) ? 1 : 0;
            }
            simpleDetector = new int[n];
            simpleWeight = new double[n];
            n = 0;
            for (int i = 0; i < nAnimals; i++) {
                simpleStart[i] = n;
                for (int t = start[i]; t < start[i + 1]; t++) {
                    int at = termAtom[t];
                    if (atomKind[at] == KIND_BASE) {
                        Checks.require(termWeight[t] == -1 && t == start[i], "internal: base term of animal %d", i);
                        simpleBase[i] = at;
                    } else if (atomKind[at] == KIND_Q) {
                        Checks.require(at == simpleQ, "internal: Q atom of animal %d", i);
                        simpleQWeight[i] += termWeight[t];
                    } else {
                        simpleDetector[n] = atomArg[at];
                        simpleWeight[n++] = termWeight[t];
                    }
                }
            }
            simpleStart[nAnimals] = n;
            simpleSlot = new int[nAtoms];
            Arrays.fill(simpleSlot, -1);
            int slots = 0;
            for (int i = 0; i < nAnimals; i++) {
                if (simpleSlot[simpleBase[i]] < 0) {
                    simpleSlot[simpleBase[i]] = slots++;
                }
            }
            if (simpleQ >= 0) {
                simpleSlot[simpleQ] = slots++;
            }
            simpleSlots = slots;
            simpleSlotAtom = new int[slots];
            for (int t = 0; t < nAtoms; t++) {
                if (simpleSlot[t] >= 0) {
                    simpleSlotAtom[simpleSlot[t]] = t;
                }
            }
            reachX = new double[nAnimals];
            reachY = new double[nAnimals];
            reachW = new double[nAnimals];
            reachI = new double[nAnimals];
            reachPoint = new int[nAnimals];
            for (int i = 0; i < nAnimals; i++) {
                double w = 0;
                double x = 0;
                double y = 0;
                for (int t = simpleStart[i]; t < simpleStart[i + 1]; t++) {
                    w += simpleWeight[t];
                    x += simpleWeight[t] * kx[simpleDetector[t]];
                    y += simpleWeight[t] * ky[simpleDetector[t]];
                }
                double cx = w > 0 ? x / w : 0;
                double cy = w > 0 ? y / w : 0;
                double inertia = 0;
                for (int t = simpleStart[i]; t < simpleStart[i + 1]; t++) {
                    double dx = kx[simpleDetector[t]] - cx;
                    double dy = ky[simpleDetector[t]] - cy;
                    inertia += simpleWeight[t] * (dx * dx + dy * dy);
                }
                reachX[i] = cx;
                reachY[i] = cy;
                // the bound needs the base to count each occasion of a Q term (it does: they are at risk)
                reachW[i] = simpleQWeight[i] <= baseCoef[atomArg[simpleBase[i]]][0] ? w : 0;
                reachI[i] = inertia;
                reachPoint[i] = nearest.of(cx, cy);
            }
            reachLog = -NEGLIGIBLE_LOG + Math.log(nMask) + 1;
        } else {
            reachX = null;
            reachY = null;
            reachW = null;
            reachI = null;
            boolean bounded = nClasses == 1 && !individual && densityColumns == 0 && search == null && !hasZ
                    && (fn == DetectionFunction.HN || fn == DetectionFunction.HHN || exponentialShape());
            reachPoint = bounded ? probePoints(nearest) : null;
            reachLog = bounded ? -NEGLIGIBLE_LOG + Math.log(nMask) + 1 : 0;
            simpleBase = null;
            simpleSlot = null;
            simpleSlots = 0;
            simpleSlotAtom = null;
            simpleStart = null;
            simpleDetector = null;
            simpleWeight = null;
            simpleQ = -1;
            simpleQWeight = null;
        }
        if (reachPoint != null && !simple) {
            this.animalAtomStart = new int[nAnimals + 1];
            this.animalAtoms = detectionAtomLists(animalAtomStart);
        } else {
            this.animalAtomStart = null;
            this.animalAtoms = null;
        }

        this.rowY = distinctSorted(my);
        this.detectorXs = distinctSorted(kx);
        this.detectorYs = distinctSorted(ky);
        this.detectorXLevel = levels(kx, detectorXs);
        this.detectorYLevel = levels(ky, detectorYs);
        long table = (long) (columnX.length + rowY.length) * nDetectors;
        boolean hn = fn == DetectionFunction.HN || fn == DetectionFunction.HHN;
        this.separable = hn && search == null && table * nCombos <= MAX_SEPARABLE && table * 4 <= (long) nMask * nDetectors;
        // each factor and its log-derivative per column (row), detector and combination
        this.searchBoxes = search != null && search.boxes() && 2 * table * nCombos <= MAX_SEPARABLE;
        this.rowOf = levels(my, rowY);
        this.localEnabled = local && search == null && (long) rowY.length * nDetectors <= MAX_LOCAL_ROWS;
        this.rowLists = simple && (long) rowY.length * ROW_LIST_POINTS <= nMask;
        // multi-catch traps and counts with the vector kernel keep the per-point path: in row segments the
        // kernel allocated (operations left as Java code by C2) after some other tests had run in the same JVM
        this.segments = rowLists && separable && (!simpleHazardAtoms || pass == ProximityPass.scalar());
        this.allDetectors = identity(nDetectors);
        this.detectorsByX = byCoordinate(kx);
        this.maxSpan = widestSpan(dets, kx, ky);
        this.maskSpacing = Math.sqrt(cellArea * 1e4);
        boolean fewClasses = nClasses > 1 && (!individual || nClasses <= MAX_INDIVIDUAL_CLASS_PASSES);
        int[] perClass = densityColumns > 0 || search != null || !fewClasses || !hn ? null : classCombos(comboOf);
        SessionKernel one = perClass == null ? null
                : new SessionKernel(session, mask, fn, binomN, fastProximity,
                        new int[1][CODES][comboOf[0][0].length][comboOf[0][0][0].length], usedCodes, 1, null, false,
                        local, pass, 0, false);
        this.classKernel = one != null && one.simple ? one : null;
        this.classCombo = classKernel == null ? null : perClass;
    }

    /**
     * The widest distance between two detectors of one animal, {@code Math.hypot}'s: found by squared distances first
     * and {@code hypot} only near their maximum, because a fresh JVM runs {@code StrictMath.hypot} interpreted (0.7% of
     * a small fit). The pair with the largest hypot has a squared distance within a few ulps of the largest, so the
     * band of 1e-9 relative holds it: the same number as {@code hypot} over every pair.
     */
    static double widestSpan(List<Detection> dets, double[] kx, double[] ky) {
        double widest2 = 0;
        double span = 0;
        for (int pass = 0; pass < 2; pass++) { // 0: the largest squared distance; 1: hypot near it
            int d0 = 0;
            while (d0 < dets.size()) {
                int d1 = d0;
                while (d1 < dets.size() && dets.get(d1).animal() == dets.get(d0).animal()) {
                    d1++;
                }
                for (int u = d0; u < d1; u++) {
                    for (int v = u + 1; v < d1; v++) {
                        int a = dets.get(u).detector();
                        int b = dets.get(v).detector();
                        double dx = kx[a] - kx[b];
                        double dy = ky[a] - ky[b];
                        double d2 = dx * dx + dy * dy;
                        if (pass == 0) {
                            widest2 = Math.max(widest2, d2);
                        } else if (d2 >= widest2 * (1 - 1e-9)) {
                            span = Math.max(span, Math.hypot(dx, dy));
                        }
                    }
                }
                d0 = d1;
            }
        }
        return span;
    }

    /**
     * General kernel: per animal the mask point nearest the centroid of its detectors (weighted by its terms),
     * where {@link #prepareGeneralReach} evaluates a lower bound of its largest term; -1 where its terms
     * admit no bound ({@link #restBounded}).
     */
    private int[] probePoints(NearestPoint nearest) {
        int[] point = new int[nAnimals];
        for (int i = 0; i < nAnimals; i++) {
            double w = 0;
            double x = 0;
            double y = 0;
            for (int t = animalStart[i]; t < animalStart[i + 1]; t++) {
                int at = termAtom[t];
                if (isDetectorAtom(at)) {
                    w += termWeight[t];
                    x += termWeight[t] * kx[atomArg[at]];
                    y += termWeight[t] * ky[atomArg[at]];
                }
            }
            point[i] = w > 0 && restBounded(i) ? nearest.of(x / w, y / w) : -1;
        }
        return point;
    }

    /**
     * Per animal its LH and LPH atoms, in term order, with their CSR starts written to {@code start}. They are
     * distinct: an animal's terms (one class) name each atom once, their weights summed.
     */
    private int[] detectionAtomLists(int[] start) {
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < nAnimals; i++) {
            start[i] = list.size();
            for (int t = animalStart[i]; t < animalStart[i + 1]; t++) {
                if (isDetectorAtom(termAtom[t])) {
                    list.add(termAtom[t]);
                }
            }
        }
        start[nAnimals] = list.size();
        return ints(list);
    }

    /** Whether atom t is a per-detector atom (LH or LPH), the kind a detection adds to its animal's terms. */
    private boolean isDetectorAtom(int t) {
        return atomKind[t] == KIND_LH || atomKind[t] == KIND_LPH;
    }

    /** Whether the detection function's shape is \( e^{-d/\sigma} \) (EX, HEX). */
    private boolean exponentialShape() {
        return fn == DetectionFunction.EX || fn == DetectionFunction.HEX;
    }

    /**
     * Whether animal i's terms other than its detections are at most 0 at every mask point, so that
     * {@link #prepareGeneralReach} may bound its terms by those of its detections. They are
     * \( \sum_v w_v B_v + \sum_Q w_Q Q(H_Q) \) (bases of weight -1, multi-catch Q atoms), with
     * \( B_v = \sum_q b_{vq} H_q \) and \( H_Q = \sum_q c_{Qq} H_q \) over (combination, group) pairs. As
     * \( Q(H) = \log((e^H - 1)/H) \le H \), they are at most \( \sum_q E_q H_q \) with
     * \( E_q = \sum_v w_v b_{vq} + \sum_Q w_Q c_{Qq} \): at most 0 when every \( E_q \le 0 \) (up to
     * rounding) and the pairs with \( E_q 
e 0 \) weigh their detectors' hazards by non-negative weights
     * (\( H_q \ge 0 \)). Each occasion an animal is at risk is in its base, and a multi-catch detection's Q
     * atom sums the same occasion's hazards, so this holds but for detector-specific responses, whose
     * corrections carry negative weights. Every detection term must have a positive weight.
     */
    private boolean restBounded(int i) {
        double[] e = new double[pairCombo.length];
        double scale = 0;
        for (int t = animalStart[i]; t < animalStart[i + 1]; t++) {
            int at = termAtom[t];
            double w = termWeight[t];
            int kind = atomKind[at];
            int[] prs;
            double[] cf;
            if (kind == KIND_BASE) {
                prs = basePairs[atomArg[at]];
                cf = baseCoef[atomArg[at]];
            } else if (kind == KIND_Q && w > 0) {
                prs = hazardPairs[atomArg[at]];
                cf = hazardCoef[atomArg[at]];
            } else if (isDetectorAtom(at) && w > 0) {
                continue;
            } else {
                return false;
            }
            for (int j = 0; j < prs.length; j++) {
                e[prs[j]] += w * cf[j];
                scale += Math.abs(w * cf[j]);
            }
        }
        for (int q = 0; q < e.length; q++) {
            if (e[q] > REST_ROUNDING * scale) {
                return false;
            }
            if (e[q] != 0) {
                for (double u : groupWeight[pairGroup[q]]) {
                    if (u < 0) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** Per animal, whether class c is not among its classes (its entries), or null when every animal has every class. */
    private boolean[] animalsOutside(int c) {
        boolean[] out = new boolean[nAnimals];
        boolean any = false;
        for (int i = 0; i < nAnimals; i++) {
            out[i] = true;
            for (int e = animalEntries[i]; e < animalEntries[i + 1]; e++) {
                out[i] &= entryClass[e] != c;
            }
            any |= out[i];
        }
        return any ? out : null;
    }

    /** Per class the one combination in force on every occasion, at every detector and in every state, or null. */
    private static int[] classCombos(int[][][][] comboOf) {
        int[] combo = new int[comboOf.length];
        for (int c = 0; c < comboOf.length; c++) {
            combo[c] = comboOf[c][0][0][0];
            for (int[][] byCode : comboOf[c]) {
                for (int[] byOccasion : byCode) {
                    for (int v : byOccasion) {
                        if (v != combo[c]) {
                            return null;
                        }
                    }
                }
            }
        }
        return combo;
    }

    /** Whether atom t is a Q atom whose competing hazard is the one (fused) pair's sum itself. */
    private boolean isUnitQ(int t) {
        return atomKind[t] == KIND_Q && hazardPairs[atomArg[t]].length == 1 && hazardPairs[atomArg[t]][0] == 0
                && hazardCoef[atomArg[t]][0] == 1;
    }

    /**
     * The first of the mask points nearest a location, in index order: the point a scan over all of them would
     * find (the least squared distance, the least index among equals), found from the points grouped by column
     * (their distinct x). Columns are visited outwards from the location's x on either side; a column whose
     * squared x-distance exceeds the best squared distance so far ends that side, since each of its points has
     * \( d^2 = \Delta x^2 + \Delta y^2 \ge \Delta x^2 \) (rounded too). A grid of M points is searched in about
     * \( \sqrt{M} \)–\( 3\sqrt{M} \) points per location instead of M: the scan, run per animal, was a fifth of a
     * fresh JVM's likelihood construction (captdata: 76 animals × 3,936 points, interpreted at first).
     * A class of its own, not a loop in the constructor: a long loop there made C2 compile the whole
     * constructor on-stack (6,820 bytes of bytecode, 3 s of the one C2 thread on this machine), and the
     * likelihood's kernels waited for it.
     */
    static final class NearestPoint {
        private final double[] xs;
        private final double[] ys;
        private final double[] columnX;
        /** CSR over columns of the point indices, each column's in index order. */
        private final int[] start;
        private final int[] points;
        /** The search's state (the constructor's own object: not thread-safe). */
        private double bestD;
        private int bestM;

        NearestPoint(double[] xs, double[] ys, double[] columnX, int[] columnOf) {
            this.xs = xs;
            this.ys = ys;
            this.columnX = columnX;
            this.start = new int[columnX.length + 1];
            for (int c : columnOf) {
                start[c + 1]++;
            }
            for (int c = 0; c < columnX.length; c++) {
                start[c + 1] += start[c];
            }
            this.points = new int[xs.length];
            int[] fill = Arrays.copyOf(start, columnX.length);
            for (int m = 0; m < xs.length; m++) {
                points[fill[columnOf[m]]++] = m;
            }
        }

        int of(double x, double y) {
            bestD = Double.POSITIVE_INFINITY;
            bestM = -1;
            int right = lowerBound(columnX, columnX.length, x); // the first column at or beyond x
            for (int c = right; c < columnX.length && !beyond(columnX[c] - x); c++) {
                column(c, x, y);
            }
            for (int c = right - 1; c >= 0 && !beyond(columnX[c] - x); c--) {
                column(c, x, y);
            }
            return Math.max(bestM, 0);
        }

        private boolean beyond(double dx) {
            return dx * dx > bestD;
        }

        /** Column c's points into the search state: the least squared distance, and the least index that has it. */
        private void column(int c, double x, double y) {
            for (int j = start[c]; j < start[c + 1]; j++) {
                int m = points[j];
                double dm = (xs[m] - x) * (xs[m] - x) + (ys[m] - y) * (ys[m] - y);
                if (dm < bestD || (dm == bestD && m < bestM)) {
                    bestD = dm;
                    bestM = m;
                }
            }
        }
    }

    /** The non-zero value that occurs most often in {@code w} (the first such, on ties); 1 if there is none. */
    private static double commonest(double[] w) {
        Map<Double, Integer> count = new LinkedHashMap<>();
        for (double x : w) {
            if (x != 0) {
                count.merge(x, 1, SUM_INTS);
            }
        }
        double best = 1;
        int most = 0;
        for (Map.Entry<Double, Integer> e : count.entrySet()) {
            if (e.getValue() > most) {
                most = e.getValue();
                best = e.getKey();
            }
        }
        return best;
    }

    /** Group g's weights as a vector over all detectors (0 where it has none). */
    private double[] denseWeights(int g) {
        double[] w = new double[nDetectors];
        for (int j = 0; j < groupIndex[g].length; j++) {
            w[groupIndex[g][j]] = groupWeight[g][j];
        }
        return w;
    }

    private static boolean allOnes(double[] u) {
        for (double v : u) {
            if (v != 1) {
                return false;
            }
        }
        return true;
    }

    /**
     * \( \log\binom{n}{k} \); n is a usage, a whole number of occasions unless usage is fractional (then
     * through \( \Gamma \)).
     */
    private static double logChoose(double n, int k) {
        if (n == Math.rint(n) && n <= Integer.MAX_VALUE) {
            long whole = (long) n;
            return LogFactorial.of(whole) - LogFactorial.of(k) - LogFactorial.of(whole - k);
        }
        return Gamma.logGamma(n + 1) - Gamma.logGamma(k + 1.0) - Gamma.logGamma(n - k + 1);
    }

    /**
     * An animal's behavioural states in one session, from its detections: the occasion of its first
     * detection (b), the occasions it was detected on (B), and per detector where it was detected the
     * first such occasion (bk) and the occasions (Bk). Only the state bits in {@code used} are reported.
     */
    private static final class AnimalStates {
        final int firstCaught;
        final boolean[] caughtOn;
        final int[] detectors;
        final int[] firstAt;
        final boolean[][] at;
        final int used;

        AnimalStates(List<Detection> mine, int S, int used) {
            this.used = used;
            int first = S;
            caughtOn = new boolean[S];
            Map<Integer, boolean[]> byDetector = new java.util.TreeMap<>();
            for (Detection x : mine) {
                first = Math.min(first, x.occasion());
                caughtOn[x.occasion()] = true;
                boolean[] on = byDetector.get(x.detector());
                if (on == null) {
                    on = new boolean[S];
                    byDetector.put(x.detector(), on);
                }
                on[x.occasion()] = true;
            }
            firstCaught = first;
            detectors = new int[byDetector.size()];
            int j0 = 0;
            for (int k : byDetector.keySet()) { // a loop, not a stream: a fresh JVM links and interprets a stream slowly
                detectors[j0++] = k;
            }
            at = byDetector.values().toArray(new boolean[0][]);
            firstAt = new int[detectors.length];
            for (int j = 0; j < detectors.length; j++) {
                int f = 0;
                while (!at[j][f]) {
                    f++;
                }
                firstAt[j] = f;
            }
        }

        /** The state bits that hold at every detector on occasion s (b, B). */
        int animalCode(int s) {
            int code = (s > firstCaught ? CODE_LEARNED : 0) | (used & CODE_SITE);
            if ((used & CODE_TRANSIENT) != 0 && s > 0 && caughtOn[s - 1]) {
                code |= CODE_TRANSIENT;
            }
            return code;
        }

        /** The detector-specific bits (bk, Bk) at the j-th of this animal's detectors on occasion s. */
        int detectorBits(int s, int j) {
            int code = 0;
            if ((used & CODE_DETECTOR_LEARNED) != 0 && firstAt[j] < s) {
                code |= CODE_DETECTOR_LEARNED;
            }
            if ((used & CODE_DETECTOR_TRANSIENT) != 0 && s > 0 && at[j][s - 1]) {
                code |= CODE_DETECTOR_TRANSIENT;
            }
            return code;
        }

        /** The full state code at detector k on occasion s. */
        int code(int s, int k) {
            int j = Arrays.binarySearch(detectors, k);
            return animalCode(s) | (j >= 0 ? detectorBits(s, j) : 0);
        }
    }

    /**
     * The construction-time bookkeeping of a session's hazard sums: detector weight vectors (groups),
     * (combination, group) pairs, base variants and Q hazard sets as coefficients over pairs, and the
     * detectors where each combination is in force.
     */
    private static final class Plan {
        final int[][][][] comboOf;
        final int used;
        final int nDetectors;
        final boolean byDetector;
        final boolean keepDense;
        final Map<SparseKey, Integer> groupIds = new HashMap<>();
        final List<int[]> groupIdx = new ArrayList<>();
        final List<double[]> groupW = new ArrayList<>();
        final List<double[]> groupDense = new ArrayList<>();
        final Map<Long, Integer> pairs = new LinkedHashMap<>();
        final List<Integer> pairComboList = new ArrayList<>();
        final Map<Long, int[]> occasionCache = new HashMap<>();
        final Map<SparseKey, Integer> variants = new HashMap<>();
        final List<int[]> variantPairs = new ArrayList<>();
        final List<double[]> variantCoef = new ArrayList<>();
        final Map<SparseKey, Integer> hazardIds = new HashMap<>();
        final List<int[]> hazardPairs = new ArrayList<>();
        final List<double[]> hazardCoef = new ArrayList<>();
        final boolean[][] inForce;

        Plan(int[][][][] comboOf, int used, int nDetectors, boolean keepDense) {
            this.comboOf = comboOf;
            this.used = used;
            this.nDetectors = nDetectors;
            this.byDetector = comboOf[0][0][0].length > 1;
            this.keepDense = keepDense;
            int n = 0;
            for (int[][][] a : comboOf) {
                for (int[][] b : a) {
                    for (int[] c : b) {
                        for (int v : c) {
                            n = Math.max(n, v + 1);
                        }
                    }
                }
            }
            inForce = byDetector ? new boolean[n][nDetectors] : null;
        }

        int combo(int cl, int code, int s, int k) {
            return comboOf[cl][code][s][byDetector ? k : 0];
        }

        /** Whether every class uses one combination throughout (no variation by occasion, state or detector). */
        boolean constantPerClass() {
            return classCombos(comboOf) != null;
        }

        int group(double[] w) {
            int nz = 0;
            for (double x : w) {
                nz += x != 0 ? 1 : 0;
            }
            int[] idx = new int[nz];
            double[] ww = new double[nz];
            int j = 0;
            for (int k = 0; k < w.length; k++) {
                if (w[k] != 0) {
                    idx[j] = k;
                    ww[j++] = w[k];
                }
            }
            SparseKey key = new SparseKey(idx, ww);
            Integer id = groupIds.get(key);
            if (id == null) {
                id = groupIdx.size();
                groupIds.put(key, id);
                groupIdx.add(idx);
                groupW.add(ww);
                groupDense.add(keepDense ? w.clone() : null);
            }
            return id;
        }

        int pair(int combo, int group) {
            long key = ((long) combo << 32) | group;
            Integer id = pairs.get(key);
            if (id == null) {
                pairComboList.add(combo);
                id = pairs.size();
                pairs.put(key, id);
            }
            return id;
        }

        /**
         * A base over occasions {@code [0, last]} of a class with one combination throughout (proximity
         * detectors and counts, whose only hazard sums are bases), as one pair: that combination's hazards
         * weighted by \( w_k = c\sum_{s \le last} u_{ks} \), since
         * \( \sum_s c \sum_k u_{ks} h_k = \sum_k w_k h_k \) (Efford, Borchers &amp; Mowat 2013); one sum per
         * mask point however many distinct usage vectors the occasions have. The pair's group is \( w/\bar w \)
         * with coefficient \( \bar w \), the commonest non-zero weight (the cameras that ran throughout), so
         * that most detectors have weight 1 in the sum ({@link SessionKernel#weightedColumn} takes the others);
         * where \( w \) is the same at every detector, the unit group.
         */
        Map<Integer, Double> mergedBase(int cl, int last, double[][] usage, double c) {
            int combo = comboOf[cl][0][0][0];
            double[] w = new double[nDetectors];
            for (int s = 0; s <= last; s++) {
                for (int k = 0; k < nDetectors; k++) {
                    w[k] += c * usage[s][k];
                }
            }
            boolean uniform = true;
            for (double x : w) {
                uniform &= x == w[0];
            }
            Map<Integer, Double> coef = new java.util.TreeMap<>();
            if (uniform) {
                double[] ones = new double[nDetectors];
                Arrays.fill(ones, 1);
                coef.put(pair(combo, group(ones)), w[0]);
            } else {
                double common = commonest(w);
                double[] scaled = new double[nDetectors];
                for (int k = 0; k < nDetectors; k++) {
                    scaled[k] = w[k] / common;
                }
                coef.put(pair(combo, group(scaled)), common);
            }
            return coef;
        }

        /** The pairs whose sum is the hazard of occasion s, class cl, at state code a at every detector. */
        int[] occasionPairs(int cl, int a, int s, double[] u) {
            long key = ((long) cl << 40) | ((long) a << 20) | s; // classes, codes and occasions < 2^20
            int[] cached = occasionCache.get(key);
            if (cached != null) {
                return cached;
            }
            int[] out;
            if (!byDetector) {
                out = new int[] {pair(comboOf[cl][a][s][0], group(u))};
            } else {
                Map<Integer, double[]> byCombo = new LinkedHashMap<>();
                for (int k = 0; k < nDetectors; k++) {
                    int c = comboOf[cl][a][s][k];
                    weightsOf(byCombo, c)[k] = u[k];
                    inForce[c][k] = true;
                }
                out = new int[byCombo.size()];
                int j = 0;
                for (Map.Entry<Integer, double[]> e : byCombo.entrySet()) {
                    out[j++] = pair(e.getKey(), group(e.getValue()));
                }
            }
            occasionCache.put(key, out);
            return out;
        }

        /** The detector weights of combination c in {@code byCombo}, added (zeros) where it has none. */
        private double[] weightsOf(Map<Integer, double[]> byCombo, int c) {
            double[] w = byCombo.get(c);
            if (w == null) {
                w = new double[nDetectors];
                byCombo.put(c, w);
            }
            return w;
        }

        /**
         * Adds to {@code out} (combination to detector weights) the corrections of occasion s for the
         * detectors where the animal's detector-specific state (bk, Bk) changes its combination:
         * \( +u_{ks} \) for the combination in force, \( -u_{ks} \) for the one its occasion pairs assume.
         */
        void corrections(int cl, AnimalStates a, int s, double[] u, Map<Integer, double[]> out) {
            if ((used & (CODE_DETECTOR_LEARNED | CODE_DETECTOR_TRANSIENT)) == 0) {
                return;
            }
            int base = a.animalCode(s);
            for (int j = 0; j < a.detectors.length; j++) {
                int k = a.detectors[j];
                int code = base | a.detectorBits(s, j);
                if (code == base || u[k] == 0) {
                    continue;
                }
                int c1 = combo(cl, code, s, k);
                int c0 = combo(cl, base, s, k);
                if (c1 == c0) {
                    continue;
                }
                weightsOf(out, c1)[k] += u[k];
                weightsOf(out, c0)[k] -= u[k];
                if (inForce != null) {
                    inForce[c1][k] = true;
                }
            }
        }

        int variant(Map<Integer, Double> coef) {
            return intern(coef, variants, variantPairs, variantCoef);
        }

        /** The hazard set of the animal's competing hazards on occasion s (multi-catch Q atoms). */
        int hazardSet(int cl, AnimalStates a, int s, double[] u) {
            Map<Integer, Double> coef = new java.util.TreeMap<>();
            for (int q : occasionPairs(cl, a.animalCode(s), s, u)) {
                coef.merge(q, 1.0, SUM_DOUBLES);
            }
            Map<Integer, double[]> corr = new java.util.TreeMap<>();
            corrections(cl, a, s, u, corr);
            for (Map.Entry<Integer, double[]> e : corr.entrySet()) {
                coef.merge(pair(e.getKey(), group(e.getValue())), 1.0, SUM_DOUBLES);
            }
            return intern(coef, hazardIds, hazardPairs, hazardCoef);
        }

        /** The combination of the first pair of hazard set {@code hs} (its atom's nominal combination). */
        int hazardCombo(int hs) {
            return pairComboList.get(hazardPairs.get(hs)[0]);
        }

        /** The id of the sparse vector {@code coef} (pair to coefficient, in pair order), new ones numbered in turn. */
        private static int intern(Map<Integer, Double> coef, Map<SparseKey, Integer> ids, List<int[]> pairsOut,
                List<double[]> coefOut) {
            SparseKey key = SparseKey.of(coef);
            Integer v = ids.get(key);
            if (v == null) {
                v = ids.size();
                ids.put(key, v);
                pairsOut.add(key.index());
                coefOut.add(key.value());
            }
            return v;
        }

        /** Per combination the detectors where it is in force, or null for all of them. */
        int[][] support(int nCombos) {
            int[][] out = new int[nCombos][];
            if (inForce == null) {
                return out;
            }
            for (int c = 0; c < nCombos && c < inForce.length; c++) {
                int n = 0;
                for (boolean b : inForce[c]) {
                    n += b ? 1 : 0;
                }
                if (n == nDetectors) {
                    continue;
                }
                out[c] = new int[n];
                int j = 0;
                for (int k = 0; k < nDetectors; k++) {
                    if (inForce[c][k]) {
                        out[c][j++] = k;
                    }
                }
            }
            return out;
        }
    }

    /**
     * The values of {@code v}, sorted, each once (ordered and told apart as {@link Double#compare} does, as
     * {@code Arrays.binarySearch} compares). Mask and detector coordinates come in rows, each a run in ascending
     * order: the runs are merged one by one into the table (a grid mask's x: one merge per row, of at most a
     * row's length plus the columns so far), without a sort, whose code a fresh JVM runs interpreted on its first
     * use (2% of a small fit's time). Input in no such order, whose merges would cost more than
     * {@link #MERGE_WORK} times its length, is sorted.
     */
    static double[] distinctSorted(double[] v) {
        double[] table = new double[v.length];
        double[] merged = new double[v.length];
        int n = 0;
        long work = 0;
        for (int i = 0; i < v.length;) {
            int j = i + 1;
            while (j < v.length && Double.compare(v[j], v[j - 1]) >= 0) {
                j++;
            }
            work += n + (j - i);
            if (work > MERGE_WORK * (long) v.length) {
                return sortedDistinct(v);
            }
            n = mergeDistinct(table, n, v, i, j, merged);
            double[] t = table;
            table = merged;
            merged = t;
            i = j;
        }
        return Arrays.copyOf(table, n);
    }

    /** Most elements {@link #distinctSorted} merges, per input value, before it sorts instead. */
    static final int MERGE_WORK = 8;

    /**
     * The distinct values of {@code a[0, n)} (distinct, ascending) and {@code v[i, j)} (ascending), merged into
     * {@code out}; returns their number.
     */
    private static int mergeDistinct(double[] a, int n, double[] v, int i, int j, double[] out) {
        int m = 0;
        int p = 0;
        int q = i;
        while (p < n || q < j) {
            double x;
            if (q >= j || (p < n && Double.compare(a[p], v[q]) <= 0)) {
                x = a[p++];
            } else {
                x = v[q++];
            }
            if (m == 0 || Double.compare(x, out[m - 1]) != 0) {
                out[m++] = x;
            }
        }
        return m;
    }

    /** {@link #distinctSorted} by a sort. */
    private static double[] sortedDistinct(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = 0;
        for (double x : s) {
            if (n == 0 || Double.doubleToLongBits(x) != Double.doubleToLongBits(s[n - 1])) {
                s[n++] = x;
            }
        }
        return Arrays.copyOf(s, n);
    }

    /**
     * Per element of {@code v}, its index in {@code distinct} ({@link #distinctSorted} of v): a mask point's
     * column or row, a detector's distinct x or y.
     */
    static int[] levels(double[] v, double[] distinct) {
        int[] level = new int[v.length];
        for (int k = 0; k < v.length; k++) {
            level[k] = Arrays.binarySearch(distinct, v[k]);
        }
        return level;
    }

    /** Indices 0 … n−1 ordered by {@code v} (stable: ties keep index order). */
    private static int[] byCoordinate(double[] v) {
        Integer[] order = new Integer[v.length];
        for (int k = 0; k < v.length; k++) {
            order[k] = k;
        }
        Arrays.sort(order, new java.util.Comparator<Integer>() {
            @Override
            public int compare(Integer a, Integer b) {
                return Double.compare(v[a], v[b]);
            }
        });
        int[] out = new int[v.length];
        for (int k = 0; k < v.length; k++) {
            out[k] = order[k];
        }
        return out;
    }

    private static int[] identity(int n) {
        int[] out = new int[n];
        for (int j = 0; j < n; j++) {
            out[j] = j;
        }
        return out;
    }

    private static int[] ints(List<Integer> list) {
        int[] out = new int[list.size()];
        for (int j = 0; j < out.length; j++) {
            out[j] = list.get(j);
        }
        return out;
    }

    /**
     * A sparse vector compared by value (indices and their values, doubles equal when their bits are): the
     * identity of a detector group (detectors with non-zero weight) and of a variant or hazard set
     * (pairs and coefficients). Keys are objects rather than strings: a fresh JVM formats doubles slowly.
     */
    private record SparseKey(int[] index, double[] value) {
        /** The entries of {@code map} in its iteration order. */
        static SparseKey of(Map<Integer, Double> map) {
            int[] index = new int[map.size()];
            double[] value = new double[map.size()];
            int j = 0;
            for (Map.Entry<Integer, Double> e : map.entrySet()) {
                index[j] = e.getKey();
                value[j++] = e.getValue();
            }
            return new SparseKey(index, value);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SparseKey k && Arrays.equals(index, k.index) && Arrays.equals(value, k.value);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(index) + Arrays.hashCode(value);
        }
    }

    /** An atom's identity: kind, argument, combination and usage. */
    private record AtomKey(int kind, int arg, int combo, double usage) {
        @Override
        public boolean equals(Object o) {
            return o instanceof AtomKey k && kind == k.kind && arg == k.arg && combo == k.combo
                    && Double.doubleToLongBits(usage) == Double.doubleToLongBits(k.usage);
        }

        @Override
        public int hashCode() {
            return ((kind * 31 + arg) * 31 + combo) * 31 + Double.hashCode(usage);
        }
    }

    private static final class AtomTable {
        final List<Integer> kind = new ArrayList<>();
        final List<Integer> arg = new ArrayList<>();
        final List<Integer> combo = new ArrayList<>();
        final List<Double> usage = new ArrayList<>();
        final Map<AtomKey, Integer> ids = new HashMap<>();

        int id(int k, int a, int c, double u) {
            AtomKey key = new AtomKey(k, a, c, u);
            Integer id = ids.get(key);
            if (id == null) {
                kind.add(k);
                arg.add(a);
                combo.add(c);
                usage.add(u);
                id = kind.size() - 1;
                ids.put(key, id);
            }
            return id;
        }
    }

    /** Per-evaluation tables shared read-only by all blocks of a session. */
    static final class Prepared {
        final double[][] ex;
        final double[][] ey;
        /**
         * {@link SessionKernel#segments}: the x factors by detector and column,
         * {@code exT[k * exStride + column]}, each detector's row padded by {@link ProximityPass#MAX_LANES}
         * (so a row segment's detector pass loads them contiguously).
         */
        final double[] exT;
        final int exStride;
        /** Per combination, the first combination with the same sigma and z, whose shape it reuses. */
        final int[] shapeOwner;
        /**
         * Per owner combination, the detectors where its shape is needed (the union of the supports of
         * the combinations sharing it), or null for all.
         */
        final int[][] shapeList;
        /** The detectors each owner combination needs (partial support). */
        final boolean[][] need;
        /** Local evaluation in force for this evaluation, its radius (m) and per-row detector runs. */
        boolean local;
        double radius;
        final int[][] rowDet;
        final double[][] rowDetX;
        final double[][] rowDetY;
        /**
         * Simple separable model, local evaluation: per row, the y factor \( e^{-(y - y_k)^2/2\sigma^2} \) of
         * each detector in its list, by position (so the detector pass loads it contiguously).
         */
        final double[][] rowDetEy;
        /** Simple model, dense: per animal the squared distance from its centroid beyond which it is not visited. */
        final double[] reach2;
        /**
         * General kernel, dense: whether this evaluation bounds the animals' reach ({@link #reach2},
         * {@link #startMax}), and per animal the centre of its reach ({@link SessionKernel#prepareGeneralReach}).
         */
        boolean generalReach;
        final double[] reachX;
        final double[] reachY;
        /** General kernel: per combination its unit hazard at distance 0, \( h(f = 1) \). */
        final double[] hazardAtZero;
        /**
         * Simple model: per animal the log-sum-exp's starting maximum, \( L_i \) of {@link #prepareReach}
         * (a lower bound of the largest term), or \( -\infty \).
         */
        final double[] startMax;
        /**
         * Per animal, whether this class's pass leaves it out (one class of {@link SessionKernel#classKernel}
         * that is not among the animal's: a known hcov class, an individual class), or null for none: it is
         * never within reach and in no row's list.
         */
        final boolean[] leftOut;
        /** The coefficients {@link ProximityPass} takes, set once per evaluation (simple model). */
        final double[] passCoef = new double[ProximityPass.COEFFICIENTS];
        /** Per row and detector, its position in the row's list, or -1 when beyond the radius in y. */
        final int[][] rowPos;
        final int[] rowCount;
        /**
         * Simple model with {@link SessionKernel#rowLists}: per mask row the animals (ascending) whose
         * reach, and under local evaluation whose anchor's radius, meets the row (CSR; the array grows
         * when an evaluation needs more room), and per animal its first and last-plus-one row.
         */
        final int[] rowAnimalStart;
        int[] rowAnimals;
        /**
         * {@link SessionKernel#segments}, per entry of {@link #rowAnimals}: the open x-interval of its row
         * within the animal's reach (everywhere when the reach is unbounded, nowhere when it misses the row),
         * widened by {@link SessionKernel#ROW_LIST_SLACK}; in animal order.
         */
        double[] rowAnimalXLo;
        double[] rowAnimalXHi;
        final int[] animalRowLo;
        final int[] animalRowHi;
        /** Density surface: \( \log D(x_m) \) and \( \partial\log D(x_m)/\partial\beta_{D,j} \) ({@code [m * columns + j]}). */
        final double[] logD;
        final double[] dLogD;
        /**
         * Search detectors that are all rectangles along the axes ({@link SearchIntegrals#boxes}): per owner
         * combination ({@link #shapeOwner}), each detector's factor and its log-derivative
         * ({@link SearchIntegrals#boxFactor}) at every mask column ({@code [2(column K + k)]}, then the
         * derivative) and row; empty otherwise.
         */
        final double[][] boxColumn;
        final double[][] boxRow;
        /**
         * Search detectors: per combination cb the location atoms' constants, {@code [3 cb]} \( \log\lambda_0 - \log \)
         * norm, {@code [3 cb + 1]} {@link SearchIntegrals#valueScale} and {@code [3 cb + 2]}
         * {@link SearchIntegrals#derivativeScale} times \( \partial\log\sigma/\partial\eta_\sigma \).
         */
        final double[] locationConstants;
        /** {@link SessionKernel#classKernel}: per class, its parameters (set by {@link SessionKernel#prepare}) and preparation. */
        final DetectionParameters[][] classPar;
        final Prepared[] classPrep;

        Prepared(SessionKernel k) {
            this(k, null);
        }

        private Prepared(SessionKernel k, boolean[] leftOut) {
            this.leftOut = leftOut;
            classPar = new DetectionParameters[k.classKernel == null ? 0 : k.nClasses][1];
            classPrep = new Prepared[classPar.length];
            for (int c = 0; c < classPrep.length; c++) {
                classPrep[c] = new Prepared(k.classKernel, k.animalsOutside(c));
            }
            shapeOwner = new int[k.nCombos];
            shapeList = new int[k.nCombos][];
            need = new boolean[k.hasPartialSupport ? k.nCombos : 0][k.nDetectors];
            int rows = k.localEnabled ? k.rowY.length : 0;
            rowDet = new int[rows][k.nDetectors];
            rowDetX = new double[rows][k.nDetectors];
            rowDetY = new double[k.simple ? rows : 0][k.nDetectors];
            rowDetEy = new double[k.simple && k.separable ? rows : 0][k.nDetectors];
            boolean general = k.reachPoint != null && !k.simple;
            reach2 = new double[k.simple || general ? k.nAnimals : 0];
            startMax = new double[reach2.length];
            reachX = new double[general ? k.nAnimals : 0];
            reachY = new double[reachX.length];
            hazardAtZero = new double[general ? k.nCombos : 0];
            rowPos = new int[k.simple ? rows : 0][k.nDetectors];
            rowCount = new int[rows];
            int listRows = k.rowLists ? k.rowY.length : 0;
            rowAnimalStart = new int[listRows + 1];
            rowAnimals = new int[k.rowLists ? k.nAnimals : 0];
            rowAnimalXLo = new double[k.segments ? rowAnimals.length : 0];
            rowAnimalXHi = new double[rowAnimalXLo.length];
            animalRowLo = new int[k.rowLists ? k.nAnimals : 0];
            animalRowHi = new int[animalRowLo.length];
            logD = new double[k.densityColumns > 0 ? k.nMask : 0];
            dLogD = new double[logD.length * k.densityColumns];
            int boxCombos = k.searchBoxes ? k.nCombos : 0;
            boxColumn = new double[boxCombos][2 * k.columnX.length * k.nDetectors];
            boxRow = new double[boxCombos][2 * k.rowY.length * k.nDetectors];
            locationConstants = new double[k.search != null ? 3 * k.nCombos : 0];
            ex = new double[k.nCombos][];
            ey = new double[k.nCombos][];
            exStride = k.columnX.length + ProximityPass.MAX_LANES;
            exT = new double[k.segments ? k.nDetectors * exStride : 0];
            if (k.separable) {
                for (int c = 0; c < k.nCombos; c++) {
                    ex[c] = new double[k.columnX.length * k.nDetectors];
                    ey[c] = new double[k.rowY.length * k.nDetectors];
                }
            }
        }
    }

    /**
     * The first step of an evaluation's preparation, on one thread: finds, per combination, the first one
     * with the same sigma and z (combinations that differ only in g0/lambda0 share their shape), sets the
     * local radius and the rows' detector lists, and the simple model's pass coefficients. The workers then
     * run {@link #prepareFactors} and {@link #prepareListsAndReach} on their shares, each step after all have
     * finished the one before, and one thread {@link #prepareFinish}.
     */
    void prepare(DetectionParameters[] par, Prepared prep) {
        if (classKernel != null) {
            for (int c = 0; c < nClasses; c++) {
                prep.classPar[c][0] = par[classCombo[c]];
                classKernel.prepare(prep.classPar[c], prep.classPrep[c]);
            }
            return;
        }
        for (int cb = 0; cb < nCombos; cb++) {
            int owner = cb;
            for (int o = 0; o < cb; o++) {
                if (par[o].sigma() == par[cb].sigma() && par[o].z() == par[cb].z()) {
                    owner = o;
                    break;
                }
            }
            prep.shapeOwner[cb] = owner;
        }
        if (hasPartialSupport) { // an owner computes its shape wherever a combination sharing it is in force
            boolean[][] need = prep.need;
            for (boolean[] row : need) {
                Arrays.fill(row, false);
            }
            for (int cb = 0; cb < nCombos; cb++) {
                int owner = prep.shapeOwner[cb];
                if (support[cb] == null) {
                    Arrays.fill(need[owner], true);
                } else {
                    for (int k : support[cb]) {
                        need[owner][k] = true;
                    }
                }
            }
            for (int cb = 0; cb < nCombos; cb++) {
                prep.shapeList[cb] = prep.shapeOwner[cb] == cb ? neededList(need[cb], prep.shapeList[cb]) : null;
            }
        }
        for (int cb = 0; search != null && cb < nCombos; cb++) {
            double sigma = par[cb].sigma();
            prep.locationConstants[3 * cb] = par[cb].logA() - search.logNorm(sigma);
            prep.locationConstants[3 * cb + 1] = search.valueScale(sigma);
            prep.locationConstants[3 * cb + 2] = search.derivativeScale(sigma) * par[cb].cSigma();
        }
        prepareLocal(par, prep);
        prep.generalReach = reachPoint != null && !simple && !prep.local;
        for (int cb = 0; prep.generalReach && cb < nCombos; cb++) {
            prep.hazardAtZero[cb] = gType ? gHazard(par[cb].a()) : par[cb].a();
        }
        if (simple) {
            passCoefficients(par[0], prep.passCoef);
            prep.passCoef[ProximityPass.MODE] = simpleHazardAtoms ? ProximityPass.HAZARD_ATOMS : ProximityPass.ODDS_ATOMS;
            prep.passCoef[ProximityPass.FORM] = gType ? ProximityPass.G_FORM : ProximityPass.HAZARD_FORM;
        }
    }

    /**
     * Worker {@code w} of {@code workers}' share of the second step of an evaluation's preparation (after
     * {@link #prepare}): the separable factors at its contiguous share of the mask's columns and rows. Each
     * column's and row's factors are computed as by one worker, so the result does not depend on the
     * number of workers.
     */
    void prepareFactors(DetectionParameters[] par, Prepared prep, int w, int workers, Scratch sc) {
        if (classKernel != null) {
            for (int c = 0; c < nClasses; c++) {
                classKernel.prepareFactors(prep.classPar[c], prep.classPrep[c], w, workers, sc.classScratch);
            }
            return;
        }
        if (separable || searchBoxes) {
            separableFactors(par, prep, w, workers, sc.levelFactor);
        }
    }

    /**
     * Worker {@code w}'s share of the third step (after every worker's {@link #prepareFactors}): the rows'
     * y factors by list position (local evaluation) and the animals' reach (simple model), each for its
     * contiguous share of the rows and animals.
     */
    void prepareListsAndReach(DetectionParameters[] par, Prepared prep, int w, int workers, Scratch sc) {
        if (classKernel != null) {
            for (int c = 0; c < nClasses; c++) {
                classKernel.prepareListsAndReach(prep.classPar[c], prep.classPrep[c], w, workers, sc.classScratch);
            }
            return;
        }
        if (separable && simple && prep.local) {
            rowListFactors(prep, share(rowY.length, w, workers), share(rowY.length, w + 1, workers));
        }
        if (simple) {
            prepareReach(par[0], prep, share(nAnimals, w, workers), share(nAnimals, w + 1, workers), sc);
        } else if (prep.generalReach) {
            prepareGeneralReach(par, prep, share(nAnimals, w, workers), share(nAnimals, w + 1, workers), sc);
        }
    }

    /** The last step, after every worker's {@link #prepareListsAndReach}: the rows' animal lists (simple model). */
    void prepareFinish(Prepared prep) {
        if (classKernel != null) {
            for (Prepared p : prep.classPrep) {
                classKernel.prepareFinish(p);
            }
            return;
        }
        if (simple && rowLists) {
            prepareRowAnimals(prep);
        }
    }

    /** The start of worker w's contiguous share of n items among {@code workers}. */
    static int share(int n, int w, int workers) {
        return (int) ((long) n * w / workers);
    }

    /**
     * The per-row animal lists of the simple model: animal i is listed at the rows within its reach
     * (\( |y - \bar c_{i,y}| \le \sqrt{\mathrm{reach2}_i} \)) and, under local evaluation, within the radius
     * of its anchor detector in y, both widened by {@link #ROW_LIST_SLACK}. A superset of the animals
     * the exact tests keep ({@link #withinReach}; {@link #animalsSimple} gives \( -\infty \) to an animal
     * whose anchor is beyond the radius), so the result is the same as testing every animal.
     */
    private void prepareRowAnimals(Prepared prep) {
        final int rows = rowY.length;
        final int[] start = prep.rowAnimalStart;
        final int[] lo = prep.animalRowLo;
        final int[] hi = prep.animalRowHi;
        Arrays.fill(start, 0);
        for (int i = 0; i < nAnimals; i++) {
            double y0 = Double.NEGATIVE_INFINITY;
            double y1 = Double.POSITIVE_INFINITY;
            double r2 = prep.reach2[i];
            if (r2 < Double.POSITIVE_INFINITY) {
                double r = Math.sqrt(r2) * (1 + ROW_LIST_SLACK) + ROW_LIST_SLACK * Math.abs(reachY[i]);
                y0 = reachY[i] - r;
                y1 = reachY[i] + r;
            }
            if (prep.local && anchorOf[i] >= 0) {
                double a = ky[anchorOf[i]];
                double r = prep.radius * (1 + ROW_LIST_SLACK) + ROW_LIST_SLACK * Math.abs(a);
                y0 = Math.max(y0, a - r);
                y1 = Math.min(y1, a + r);
            }
            int l = lowerBound(rowY, rows, y0);
            int h = Math.max(l, lowerBound(rowY, rows, Math.nextUp(y1)));
            if (prep.leftOut != null && prep.leftOut[i]) {
                h = l; // in no row's list
            }
            lo[i] = l;
            hi[i] = h;
            for (int row = l; row < h; row++) {
                start[row + 1]++;
            }
        }
        for (int row = 0; row < rows; row++) {
            start[row + 1] += start[row];
        }
        if (prep.rowAnimals.length < start[rows]) {
            prep.rowAnimals = new int[start[rows]];
            if (segments) {
                prep.rowAnimalXLo = new double[start[rows]];
                prep.rowAnimalXHi = new double[start[rows]];
            }
        }
        final int[] list = prep.rowAnimals;
        for (int i = 0; i < nAnimals; i++) {
            for (int row = lo[i]; row < hi[i]; row++) {
                list[start[row]++] = i;
            }
        }
        for (int row = rows; row > 0; row--) { // the fill advanced each start to the next row's
            start[row] = start[row - 1];
        }
        start[0] = 0;
        if (segments) {
            for (int row = 0; row < rows; row++) {
                rowIntervals(prep, row);
            }
        }
    }

    /**
     * The x-intervals of row {@code row}'s animals ({@link Prepared#rowAnimalXLo}): where
     * \( (x - \bar c_{i,x})^2 < \mathrm{reach2}_i - (y - \bar c_{i,y})^2 \), widened like the rows; an
     * empty interval has lower end \( +\infty \). The entries stay in animal order: a segment skips those
     * whose interval opens beyond it, one comparison each, which costs less than sorting them.
     */
    private void rowIntervals(Prepared prep, int row) {
        final int[] list = prep.rowAnimals;
        final double[] lo = prep.rowAnimalXLo;
        final double[] hi = prep.rowAnimalXHi;
        final int e0 = prep.rowAnimalStart[row];
        final int e1 = prep.rowAnimalStart[row + 1];
        final double y = rowY[row];
        for (int e = e0; e < e1; e++) {
            int i = list[e];
            double r2 = prep.reach2[i];
            double dy = y - reachY[i];
            double q = r2 * (1 + 2 * ROW_LIST_SLACK) - dy * dy; // a superset of dx^2 < r2 - dy^2, rounding included
            if (r2 == Double.POSITIVE_INFINITY) { // an unbounded reach (then q is infinite too)
                lo[e] = Double.NEGATIVE_INFINITY;
                hi[e] = Double.POSITIVE_INFINITY;
            } else if (q > 0) {
                double w = Math.sqrt(q) * (1 + ROW_LIST_SLACK) + ROW_LIST_SLACK * Math.abs(reachX[i]);
                lo[e] = reachX[i] - w;
                hi[e] = reachX[i] + w;
            } else {
                lo[e] = Double.POSITIVE_INFINITY;
                hi[e] = Double.NEGATIVE_INFINITY;
            }
        }
    }

    /**
     * The detectors marked in {@code need}, ascending, or null when that is all of them; {@code last} (the
     * previous evaluation's list, or null) when it holds the same detectors, so that an evaluation whose
     * combinations share their shapes as the last one did allocates nothing.
     */
    private int[] neededList(boolean[] need, int[] last) {
        int n = 0;
        for (boolean b : need) {
            n += b ? 1 : 0;
        }
        if (n == nDetectors) {
            return null;
        }
        boolean same = last != null && last.length == n;
        for (int j = 0; same && j < n; j++) {
            same = need[last[j]];
        }
        if (same) {
            return last;
        }
        int[] list = new int[n];
        int j = 0;
        for (int k = 0; k < nDetectors; k++) {
            if (need[k]) {
                list[j++] = k;
            }
        }
        return list;
    }

    /** {@link SearchIntegrals#boxFactor} of every detector at columns {@code [c0, c1)} and rows {@code [r0, r1)}. */
    private void boxFactors(double sigma, double[] column, double[] row, int c0, int c1, int r0, int r1) {
        for (int i = c0; i < c1; i++) {
            for (int k = 0; k < nDetectors; k++) {
                search.boxFactor(k, 0, columnX[i], sigma, column, 2 * (i * nDetectors + k));
            }
        }
        for (int i = r0; i < r1; i++) {
            for (int k = 0; k < nDetectors; k++) {
                search.boxFactor(k, 1, rowY[i], sigma, row, 2 * (i * nDetectors + k));
            }
        }
    }

    /**
     * The separable half-normal factors per distinct mask column (row) and detector, each computed once
     * per distinct detector coordinate ({@link #detectorXs}) and copied to the detectors that share it;
     * with {@link #segments} the x factors also by detector and column ({@link Prepared#exT}). Search
     * detectors that are all rectangles along the axes ({@link #searchBoxes}): each detector's
     * {@link SearchIntegrals#boxFactor} per column and row instead ({@link Prepared#boxColumn}, {@link Prepared#boxRow}).
     */
    private void separableFactors(DetectionParameters[] par, Prepared prep, int w, int workers, double[] f) {
        int K = nDetectors;
        // local evaluation reads no factor beyond the radius (the probes of prepareReach, which read them
        // all, then bound the local term at their point from below, as it needs): those are left 0
        final double far = prep.local ? prep.radius * (1 + 1e-9) + 1e-9 * maskSpacing : Double.POSITIVE_INFINITY;
        final int c0 = share(columnX.length, w, workers);
        final int c1 = share(columnX.length, w + 1, workers);
        final int r0 = share(rowY.length, w, workers);
        final int r1 = share(rowY.length, w + 1, workers);
        for (int cb = 0; cb < nCombos; cb++) {
            if (prep.shapeOwner[cb] != cb) {
                continue;
            }
            if (searchBoxes) {
                boxFactors(par[cb].sigma(), prep.boxColumn[cb], prep.boxRow[cb], c0, c1, r0, r1);
                continue;
            }
            double c = 1 / (2 * par[cb].sigma() * par[cb].sigma());
            double[] ex = prep.ex[cb];
            double[] ey = prep.ey[cb];
            // row segments (one combination) also read the x factors by detector and column
            final boolean transposed = cb == 0 && prep.exT.length > 0;
            final int stride = prep.exStride;
            for (int i = c0; i < c1; i++) {
                levelFactors(columnX[i], detectorXs, far, c, f);
                spread(f, detectorXLevel, ex, i * K, transposed ? prep.exT : null, stride, i);
            }
            for (int i = r0; i < r1; i++) {
                levelFactors(rowY[i], detectorYs, far, c, f);
                spread(f, detectorYLevel, ey, i * K, null, 0, 0);
            }
        }
    }

    /**
     * Each detector's factor from its level's, {@code f[level[k]]}, into {@code out[o + k]} and, where {@code t} is
     * given, {@code t[k * stride + i]}. A method of its own, called per column and row, so that a fresh JVM compiles
     * it after a few evaluations: as a loop of {@link #separableFactors}, called once per evaluation, it ran
     * interpreted until that method's on-stack compilation, most of a small fit.
     */
    private static void spread(double[] f, int[] level, double[] out, int o, double[] t, int stride, int i) {
        for (int k = 0; k < level.length; k++) {
            double e = f[level[k]];
            out[o + k] = e;
            if (t != null) {
                t[k * stride + i] = e;
            }
        }
    }

    /**
     * \( e^{-(v - u)^2 c} \) for each distinct detector coordinate u of {@code levels} at mask coordinate v,
     * into {@code f}; 0 where \( |v - u| \) exceeds {@code far}.
     */
    private static void levelFactors(double v, double[] levels, double far, double c, double[] f) {
        for (int u = 0; u < levels.length; u++) {
            double d = v - levels[u];
            f[u] = Math.abs(d) <= far ? Math.exp(-d * d * c) : 0;
        }
    }

    /** Copies each row's y factors into {@link Prepared#rowDetEy}, by position in the row's detector list. */
    private void rowListFactors(Prepared prep, int row0, int row1) {
        for (int row = row0; row < row1; row++) {
            int[] list = prep.rowDet[row];
            double[] eyRow = prep.rowDetEy[row];
            for (int j = 0, o = row * nDetectors; j < prep.rowCount[row]; j++) {
                eyRow[j] = prep.ey[0][o + list[j]];
            }
        }
    }

    /** Fills the coefficients {@link ProximityPass} takes. */
    private static void passCoefficients(DetectionParameters p, double[] coef) {
        coef[ProximityPass.C] = 1 / (2 * p.sigma() * p.sigma());
        coef[ProximityPass.A] = p.a();
        coef[ProximityPass.LOG_A] = p.logA();
        coef[ProximityPass.CA] = p.cA();
        coef[ProximityPass.CS] = p.cSigma();
    }

    /**
     * The reach of each animal for dense evaluation of the simple model. With \( U = \mathrm{logit}\,g_0 \)
     * every detector atom satisfies \( \log v + h = \mathrm{logit}\,v \le U + \log f \), and
     * \( -B \le 0 \); with hazard atoms \( U = \log(-\log(1 - g_0)) \) bounds \( \log h - \log f \)
     * (\( h \) is convex in \( f \) and 0 at \( f = 0 \)), and each occasion with a detection by a
     * multi-catch trap contributes \( -H + Q(H) = \log((1 - e^{-H})/H) \le 0 \) from the base and its
     * Q atom (the base counts every occasion at risk, so at least the Q weight). For the hazard
     * half-normal (\( h = \lambda_0 f \)) \( U = \log\lambda_0 \) (hazard atoms, with equality) and
     * \( U = \log(e^{\lambda_0} - 1) \) (log-odds \( \log(e^h - 1) \), convex in f and 0 at 0).
     * So for the half-normal,
     * by the parallel-axis identity,
     * \[ \ell_i(x) \le W_i U - \frac{W_i |x - \bar c_i|^2 + I_i}{2\sigma^2}. \]
     * With \( L_i = \ell_i(x^*) \) at the mask point nearest \( \bar c_i \) (a lower bound of the
     * largest term), a point with \( \ell_i \le L_i - \) {@link #reachLog} is negligible, which is
     * guaranteed beyond \( |x - \bar c_i|^2 \ge 2\sigma^2 (W_i U - I_i/2\sigma^2 - L_i + \mathrm{reachLog})/W_i \).
     */
    private void prepareReach(DetectionParameters p, Prepared prep, int i0, int i1, Scratch sc) {
        double c = prep.passCoef[ProximityPass.C];
        double u;
        if (gType) {
            u = simpleHazardAtoms ? Math.log(gHazard(p.a())) : p.logA() - Math.log1p(-p.a());
        } else {
            u = simpleHazardAtoms ? p.logA() : Math.log(Math.expm1(p.a()));
        }
        // the scalar kernel probes by the hazard sum alone and the atoms at the animal's own detectors: the same
        // numbers as its whole pass's, without its atoms, odds ratios and factors at every detector (a small fit in
        // a fresh JVM runs this probe interpreted for its first evaluations); the vector kernel's pass adds in
        // lanes, so it probes with that pass
        final boolean scalar = pass == ProximityPass.scalar();
        for (int i = i0; i < i1; i++) {
            double w = reachW[i];
            prep.startMax[i] = Double.NEGATIVE_INFINITY;
            if (prep.leftOut != null && prep.leftOut[i]) {
                prep.reach2[i] = -1; // no squared distance is below it: never visited
                continue;
            }
            if (!(w > 0) || !Double.isFinite(u)) {
                prep.reach2[i] = Double.POSITIVE_INFINITY;
                continue;
            }
            int m = reachPoint[i];
            if (prep.local && !(segments ? allWithinDisc(i, m, prep.radius) : allWithinBox(i, m, prep.radius))) {
                prep.reach2[i] = Double.POSITIVE_INFINITY; // the dense value at m is then no bound of the local one
                continue;
            }
            final int ox = columnOf[m] * nDetectors;
            final int oy = rowOf[m] * nDetectors;
            double hq;
            if (scalar) {
                hq = ProximityPass.hazardSum(mx[m], my[m], kx, ky, nDetectors, separable ? prep.ex[0] : null, ox,
                        separable ? prep.ey[0] : null, oy, hazardWeight, prep.passCoef);
            } else {
                pass.run(mx[m], my[m], kx, ky, 0, nDetectors, null, separable ? prep.ex[0] : null, ox,
                        separable ? prep.ey[0] : null, oy, hazardWeight, prep.passCoef, sc.probeDv, sc.probeDg0,
                        sc.probeDg1, sc.probeSums);
                hq = sc.probeSums[0];
            }
            double[] cf = baseCoef[atomArg[simpleBase[i]]];
            double b = 0;
            for (int q = 0; q < cf.length; q++) {
                b += cf[q] * hq; // every base sums the one (fused) pair
            }
            double l = -b + simpleQWeight[i] * qValue(hq, qExp(hq));
            for (int t = simpleStart[i]; t < simpleStart[i + 1]; t++) {
                int k = simpleDetector[t];
                double atom = scalar ? ProximityPass.atomAt(mx[m], my[m], kx[k], ky[k], separable,
                        separable ? prep.ex[0][ox + k] : 0, separable ? prep.ey[0][oy + k] : 0, prep.passCoef)
                        : sc.probeDv[k];
                l += simpleWeight[t] * atom;
            }
            double slack = w * u - reachI[i] * c - l + reachLog;
            prep.startMax[i] = l < Double.POSITIVE_INFINITY ? l : Double.NEGATIVE_INFINITY;
            prep.reach2[i] = Double.isFinite(slack) ? Math.max(0, slack) / (w * c) * (1 + 1e-9) : Double.POSITIVE_INFINITY;
        }
    }

    /**
     * The reach of animals {@code [i0, i1)} in dense evaluation by the general kernel, as {@link #prepareReach}
     * for the simple model. Where {@link #restBounded} holds, an animal's terms are at most those of its
     * detections, \( \sum_t w_t A_t \). For the half-normal shape \( \log f = -c\,d^2 \),
     * \( c = 1/2\sigma^2 \) of the atom's combination, and the unit hazard h is convex in f and 0 at
     * f = 0, so \( h(f) \le f\,h_1 \) with \( h_1 = h(1) \): an LH atom \( \log h \le \log h_1 + \log f \),
     * and an LPH atom \( \log(e^{uh} - 1) \le \log(e^{u h_1} - 1) + \log f \) (convex in f, 0 at 0). Hence,
     * with \( U_t \) those constants and the parallel-axis identity about the centroid \( \bar c \) weighted
     * by \( w_t c_t \),
     * \[ \ell_i(x) \le \sum_t w_t U_t - W |x - \bar c|^2 - I, \quad W = \sum_t w_t c_t,\;
     *     I = \sum_t w_t c_t |k_t - \bar c|^2. \]
     * \( L_i = \ell_i(x^*) \) at its {@link #reachPoint} starts its running maximum, and the points beyond
     * \( |x - \bar c|^2 \ge (\sum_t w_t U_t - I - L_i + \mathrm{reachLog})/W \) are not visited. For the
     * exponential shape \( \log f = -d/\sigma \), \( c_t = 1/\sigma \) and the triangle inequality
     * \( |x - k_t| \ge |x - \bar c| - |k_t - \bar c| \) give
     * \( \ell_i(x) \le \sum_t w_t U_t + J - W |x - \bar c| \) with \( J = \sum_t w_t c_t |k_t - \bar c| \), so
     * the points beyond \( |x - \bar c| \ge (\sum_t w_t U_t + J - L_i + \mathrm{reachLog})/W \) are not visited.
     */
    private void prepareGeneralReach(DetectionParameters[] par, Prepared prep, int i0, int i1, Scratch sc) {
        final boolean exponential = exponentialShape();
        int probed = -1;
        for (int i = i0; i < i1; i++) {
            prep.startMax[i] = Double.NEGATIVE_INFINITY;
            prep.reach2[i] = Double.POSITIVE_INFINITY;
            int m = reachPoint[i];
            if (m < 0) {
                continue;
            }
            double w = 0;
            double x = 0;
            double y = 0;
            double sumU = 0;
            for (int t = animalStart[i]; t < animalStart[i + 1]; t++) {
                int at = termAtom[t];
                if (isDetectorAtom(at)) {
                    int cb = atomCombo[at];
                    double wc = termWeight[t] * shapeRate(par[cb].sigma(), exponential);
                    double h1 = prep.hazardAtZero[cb];
                    w += wc;
                    x += wc * kx[atomArg[at]];
                    y += wc * ky[atomArg[at]];
                    sumU += termWeight[t] * (atomKind[at] == KIND_LH ? Math.log(h1) : Math.log(Math.expm1(atomUsage[at] * h1)));
                }
            }
            double cx = x / w;
            double cy = y / w;
            double inertia = 0;
            for (int t = animalStart[i]; t < animalStart[i + 1]; t++) {
                int at = termAtom[t];
                if (isDetectorAtom(at)) {
                    double dx = kx[atomArg[at]] - cx;
                    double dy = ky[atomArg[at]] - cy;
                    double d2 = dx * dx + dy * dy;
                    // I (half-normal), or -J (exponential)
                    inertia += termWeight[t] * shapeRate(par[atomCombo[at]].sigma(), exponential)
                            * (exponential ? -Math.sqrt(d2) : d2);
                }
            }
            if (m != probed) { // every atom at the probe point (animals in order share probes)
                distances(m, sc);
                for (int cb = 0; cb < nCombos; cb++) {
                    detectorPass(par[cb], prep, cb, m, sc);
                }
                pairSums(par, sc, allDetectors, nDetectors, false);
                atoms(par, sc);
                probed = m;
            }
            double l = 0;
            for (int t = animalStart[i]; t < animalStart[i + 1]; t++) {
                l += termWeight[t] * sc.atomVal[termAtom[t]];
            }
            double slack = sumU - inertia - l + reachLog;
            if (!(w > 0) || !(Math.abs(l) < Double.POSITIVE_INFINITY) || !Double.isFinite(slack)) {
                continue;
            }
            prep.startMax[i] = l;
            prep.reachX[i] = cx;
            prep.reachY[i] = cy;
            double r = Math.max(0, slack) / w;
            prep.reach2[i] = (exponential ? r * r : r) * (1 + 1e-9);
        }
    }

    /** \( c \) of the shape \( \log f = -c\,d^2 \) (half-normal) or \( -c\,d \) (exponential). */
    private static double shapeRate(double sigma, boolean exponential) {
        return exponential ? 1 / sigma : 1 / (2 * sigma * sigma);
    }

    /**
     * Whether all of animal i's detectors are within {@code r} of mask point m as the row segments count
     * it ({@link #discHalfWidth}): local evaluation then counts them all there, and its hazard sum over
     * fewer detectors makes its term at least the dense one.
     */
    private boolean allWithinDisc(int i, int m, double r) {
        for (int t = simpleStart[i]; t < simpleStart[i + 1]; t++) {
            int k = simpleDetector[t];
            if (!(Math.abs(ky[k] - my[m]) <= r)) {
                return false;
            }
            double half = discHalfWidth(r, my[m] - ky[k]);
            if (!(mx[m] >= kx[k] - half && mx[m] <= kx[k] + half)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Half the chord of the disc of radius r around a detector at y-distance dy: under local evaluation
     * in row segments a pair is kept where \( x_k - w \le x \le x_k + w \), this w computed as here.
     */
    static double discHalfWidth(double r, double dy) {
        return Math.sqrt(Math.max(0, r * r - dy * dy));
    }

    /** {@link #allWithinDisc} for the per-point path, which keeps the detectors within r in x and y. */
    private boolean allWithinBox(int i, int m, double r) {
        for (int t = simpleStart[i]; t < simpleStart[i + 1]; t++) {
            int k = simpleDetector[t];
            if (Math.abs(kx[k] - mx[m]) >= r || Math.abs(ky[k] - my[m]) >= r) {
                return false;
            }
        }
        return true;
    }

    /**
     * Sets the truncation radius of local evaluation: the largest distance at which any combination's
     * \( a f(d) \) reaches {@link LikelihoodOptions#LOCAL_THRESHOLD}, and at least \( D/\sqrt 3 \) of the
     * widest spread D of one animal's detections plus a mask spacing (the detections lie within
     * \( D/\sqrt 3 \) of one point, Jung's theorem, so every animal keeps mask points where all its
     * detectors count, in a disc as in a square); then lists, per mask row, the detectors within the
     * radius in y.
     */
    private void prepareLocal(DetectionParameters[] par, Prepared prep) {
        prep.local = false;
        if (!localEnabled) {
            return;
        }
        double r = 0;
        for (DetectionParameters p : par) {
            r = Math.max(r, fn.radius(p.a(), p.sigma(), p.z(), LikelihoodOptions.LOCAL_THRESHOLD));
        }
        r = Math.max(r, maxSpan / Math.sqrt(3) + maskSpacing);
        if (!Double.isFinite(r)) {
            return;
        }
        for (int row = 0; row < rowY.length; row++) {
            int c = 0;
            int[] list = prep.rowDet[row];
            double[] xs = prep.rowDetX[row];
            double y = rowY[row];
            for (int k : detectorsByX) {
                if (Math.abs(ky[k] - y) <= r) {
                    list[c] = k;
                    xs[c++] = kx[k];
                }
            }
            prep.rowCount[row] = c;
            if (simple) {
                Arrays.fill(prep.rowPos[row], -1);
                for (int j = 0; j < c; j++) {
                    prep.rowDetY[row][j] = ky[list[j]];
                    prep.rowPos[row][list[j]] = j;
                }
            }
        }
        prep.radius = r;
        prep.local = true;
    }

    /** Lists the detectors within the radius of mask point m (a contiguous run of its row). */
    private void selectLocal(Prepared prep, int m, Scratch sc) {
        int lo = runStart(prep, m);
        int hi = runEnd(prep, m);
        int[] list = prep.rowDet[rowOf[m]];
        int c = 0;
        for (int j = lo; j < hi; j++) {
            sc.local[c++] = list[j];
        }
        sc.nLocal = c;
    }

    /** Position in its row's list of the first detector within the local radius of mask point m in x. */
    private int runStart(Prepared prep, int m) {
        int row = rowOf[m];
        return lowerBound(prep.rowDetX[row], prep.rowCount[row], mx[m] - prep.radius);
    }

    /** Position in its row's list after the last detector within the local radius of mask point m in x. */
    private int runEnd(Prepared prep, int m) {
        int row = rowOf[m];
        return lowerBound(prep.rowDetX[row], prep.rowCount[row], Math.nextUp(mx[m] + prep.radius));
    }

    /** The first index in {@code a[0, n)} (sorted) whose value is at least {@code v}. */
    private static int lowerBound(double[] a, int n, double v) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Per-thread working arrays. Not thread-safe. */
    static final class Scratch {
        /** Scratch of {@link SessionKernel#separableFactors}: one factor per distinct detector coordinate. */
        final double[] levelFactor;
        /** Search detectors: the quadrature's two running sums ({@link SearchIntegrals#integrals}). */
        final double[] searchWork = new double[2];
        /** Scratch of {@link SessionKernel#prepareReach}: one probe's atoms, factors and sums. */
        final double[] probeDv;
        final double[] probeDg0;
        final double[] probeDg1;
        final double[] probeSums = new double[ProximityPass.SUMS_LENGTH];
        final double[] d2;
        final double[] f;
        final double[] logf;
        final double[] dls;
        final double[] dlz;
        final double[] h;
        final double[] r;
        final double[] pairH;
        final double[] pairDH;
        final double[] atomVal;
        final double[] atomGrad;
        final double[] dl;
        final double[] classLog;
        /** \( \log \pi_c \) of this block's evaluation (mixtures). */
        final double[] logPi;
        /** Density surface: p·(x_m) and its gradient at the current mask point. */
        final double[] pointPdot;
        /** Local evaluation: the detectors within the radius of the current mask point. */
        final int[] local;
        int nLocal;
        final double[] d2c;
        final double[] fc;
        final double[] logfc;
        final double[] dlsc;
        final double[] dlzc;
        /** Local evaluation: the animals to visit at the current mask point, and the per-detector atoms set finite there. */
        final int[] visit;
        /** General kernel with a bounded reach: per atom the mask point where it was last computed, or -1. */
        final int[] atomPoint;
        final int[] finite;
        int nFinite;

        /** The simple model's per-detector atoms and gradient factors by position, and the pass's sums. */
        final double[] dv;
        final double[] dg0;
        final double[] dg1;
        final double[] sums = new double[ProximityPass.SUMS_LENGTH];
        /**
         * The simple model's per-point path ({@link SessionKernel#evaluateSimple}), its per-animal batch at one
         * mask point: animal, \( \ell_i - \max_i \) (then its exp; {@link ProximityPass#MAX_LANES} spare), and
         * the three gradient terms.
         */
        final int[] batchAnimal;
        final double[] batchExp;
        final double[] batch0;
        final double[] batch1;
        final double[] batch2;
        /**
         * {@link SessionKernel#segments}: the row segment's points' x; the per-point
         * sums Σh, Σr, Σr·dls; per detector position its first and last-plus-one point within the radius;
         * the atoms and gradient factors ({@link ProximityPass#column}'s {@code dg}) by (position, point),
         * {@code [q * SEGMENT_STRIDE + p]}; the animals'
         * atoms by (slot, point) and their gradients by ((slot, parameter), point); one animal's terms
         * \( \ell \), their two gradient terms, and \( \ell - \max \) then its exp. With {@link #hazardWeight},
         * one detector's unweighted sums, which it adds to the segment's times its weight.
         */
        final double[] segX;
        final double[] segSh;
        final double[] segS0;
        final double[] segS1;
        final double[] segWh;
        final double[] segW0;
        final double[] segW1;
        final int[] colFirst;
        final int[] colEnd;
        final boolean[] colWant;
        final int[] segPa;
        final int[] segPb;
        final double[] segDv;
        final double[] segDg;
        final double[] segAtomVal;
        final double[] segAtomGrad;
        final double[] segL;
        final double[] segL0;
        final double[] segL1;
        final double[] segE;

        /**
         * {@link SessionKernel#classKernel}: its scratch (the classes are evaluated in turn) and, per class,
         * its block result.
         */
        final Scratch classScratch;
        final BlockResult[] classResult;

        Scratch(SessionKernel k) {
            classScratch = k.classKernel == null ? null : new Scratch(k.classKernel);
            classResult = new BlockResult[k.classKernel == null ? 0 : k.nClasses];
            for (int c = 0; c < classResult.length; c++) {
                classResult[c] = new BlockResult(k.nAnimals, k.classKernel.nSlots, false);
            }
            levelFactor = new double[k.separable ? Math.max(k.detectorXs.length, k.detectorYs.length) : 0];
            probeDv = new double[k.simple && k.pass != ProximityPass.scalar() ? k.nDetectors : 0]; // prepareReach
            probeDg0 = new double[probeDv.length];
            probeDg1 = new double[probeDv.length];
            batchAnimal = new int[k.simple && !k.segments ? k.nAnimals : 0];
            int seg = k.segments ? SEGMENT_STRIDE : 0;
            segX = new double[seg];
            segSh = new double[seg];
            segS0 = new double[seg];
            segS1 = new double[seg];
            int weighted = k.hazardWeight != null ? seg : 0;
            segWh = new double[weighted];
            segW0 = new double[weighted];
            segW1 = new double[weighted];
            colFirst = new int[k.segments ? k.nDetectors : 0];
            colEnd = new int[colFirst.length];
            colWant = new boolean[colFirst.length];
            segPa = new int[k.segments ? k.nAnimals : 0];
            segPb = new int[segPa.length];
            segDv = new double[colFirst.length * seg];
            segDg = new double[segDv.length];
            segAtomVal = new double[k.simpleSlots * seg];
            segAtomGrad = new double[k.simpleSlots * P * seg];
            segL = new double[seg];
            segL0 = new double[seg];
            segL1 = new double[seg];
            segE = new double[seg];
            batchExp = new double[k.simple && !k.segments ? k.nAnimals + ProximityPass.MAX_LANES : 0];
            batch0 = new double[batchAnimal.length];
            batch1 = new double[batchAnimal.length];
            batch2 = new double[batchAnimal.length];
            dv = new double[k.simple ? k.nDetectors : 0];
            dg0 = new double[dv.length];
            dg1 = new double[dv.length];
            visit = new int[k.localEnabled || k.simple || k.reachPoint != null ? k.nAnimals : 0];
            finite = new int[k.localEnabled ? k.detectorAtoms.length : 0];
            atomPoint = new int[k.reachPoint != null && !k.simple ? k.nAtoms : 0];
            local = new int[k.nDetectors];
            d2c = new double[k.localEnabled || k.hasPartialSupport ? k.nDetectors : 0];
            fc = new double[d2c.length];
            logfc = new double[d2c.length];
            dlsc = new double[d2c.length];
            dlzc = new double[d2c.length];
            int ck = k.nCombos * k.nDetectors;
            d2 = new double[k.nDetectors];
            f = new double[ck];
            logf = new double[ck];
            dls = new double[ck];
            dlz = new double[ck];
            h = new double[ck];
            r = new double[ck];
            pairH = new double[k.pairCombo.length];
            pairDH = new double[k.pairCombo.length * P];
            atomVal = new double[k.nAtoms];
            atomGrad = new double[k.nAtoms * k.nSlots];
            dl = new double[k.nSlots];
            classLog = new double[k.nClasses];
            logPi = new double[k.nClasses];
            pointPdot = new double[k.densityColumns > 0 ? 1 + k.nSlots : 0];
        }
    }

    /**
     * Evaluates mask points {@code [m0, m1)}.
     *
     * @param out per-animal log-sum-exp state for this block: {@code max[i]}, {@code sum[i]},
     *     {@code grad[i*nSlots+j]}; and {@code pdot[0]} = Σ p·, {@code pdot[1+j]} = Σ ∂p·/∂η_j
     */
    void evaluateBlock(DetectionParameters[] par, double[] pi, Prepared prep, int m0, int m1, Scratch sc, BlockResult out,
            boolean gradient) {
        out.reset();
        if (classKernel != null) {
            evaluateClasses(pi, prep, m0, m1, sc, out, gradient);
            return;
        }
        if (simple) {
            System.arraycopy(prep.startMax, 0, out.max, 0, nAnimals);
            if (segments) {
                evaluateSegments(par[0], prep, m0, m1, sc, out, gradient);
            } else {
                evaluateSimple(par[0], prep, m0, m1, sc, out, gradient);
            }
            return;
        }
        double[] av = sc.atomVal;
        double[] ag = sc.atomGrad;
        double pdotSum = 0;
        double[] pdg = out.pdot;
        for (int c = 0; nClasses > 1 && c < nClasses; c++) {
            sc.logPi[c] = Math.log(pi[c]);
        }
        final boolean loc = prep.local;
        final boolean reach = prep.generalReach;
        int[] visit = allAnimals;
        int nVisit = nAnimals;
        if (reach) {
            System.arraycopy(prep.startMax, 0, out.max, 0, nAnimals);
            Arrays.fill(sc.atomPoint, -1);
            visit = sc.visit;
        }
        if (loc) {
            for (int t : detectorAtoms) { // nothing is within the radius yet
                clearAtom(t, sc);
            }
            sc.nFinite = 0;
            visit = sc.visit;
        }
        for (int m = m0; m < m1; m++) {
            if (loc) {
                selectLocal(prep, m, sc);
                distancesLocal(m, sc);
                for (int cb = 0; cb < nCombos; cb++) {
                    detectorPassLocal(par[cb], prep, cb, m, sc);
                }
                pairSums(par, sc, sc.local, sc.nLocal, true);
                atomsLocal(par, sc);
                nVisit = selectAnimals(sc.visit, sc.local, 0, sc.nLocal);
            } else {
                if (search != null) {
                    searchPass(par, prep, m, sc);
                } else {
                    distances(m, sc);
                    for (int cb = 0; cb < nCombos; cb++) {
                        detectorPass(par[cb], prep, cb, m, sc);
                    }
                }
                pairSums(par, sc, allDetectors, nDetectors, false);
                if (reach) {
                    bases(sc);
                    for (int t : qAtoms) {
                        qAtom(sc, t);
                    }
                    nVisit = withinReach(m, prep.reachX, prep.reachY, prep.reach2, allAnimals, 0, nAnimals, visit);
                    detectionAtoms(par, sc, visit, nVisit, m);
                } else {
                    atoms(par, sc);
                }
            }
            double[] pdTarget = pdg;
            if (densityAtom >= 0) {
                densityAtom(prep, m, av, ag);
                pdTarget = sc.pointPdot;
                Arrays.fill(pdTarget, 0);
            }
            double pm0 = individualClasses ? classPdots(av, ag, out) : nClasses == 1 ? pdot(av, ag, pdTarget)
                    : mixturePdot(av, ag, pi, pdTarget, out);
            pdotSum += pm0;
            if (densityAtom >= 0) {
                addDensityPdot(prep, m, pm0, pdTarget, out);
            }
            if (nClasses == 1) {
                if (gradient) {
                    animalsWithGradient(av, ag, sc.dl, visit, nVisit, out);
                } else {
                    animals(av, visit, nVisit, out);
                }
            } else {
                animalsMixture(av, ag, pi, sc, visit, nVisit, out, gradient);
            }
        }
        pdg[0] = pdotSum;
    }

    /**
     * {@link #evaluateBlock} by {@link #classKernel}: each class's block evaluated by the fused pass with its
     * parameters, then, per animal, \( \sum_c \pi_c S_{ic} \) over its classes (every class in a finite
     * mixture, its own when an hcov class is known) kept against the largest \( \log\pi_c + \max_{ic} \):
     * a class's value and gradient sums are scaled by \( e^{\log\pi_c + \max_{ic} - M_i} \), its three
     * detection slots go to its combination's, and the pmix slot k gets
     * \( \pi_c S_{ic}\,([c = k] - \pi_k) \) (\( \partial\log\pi_c/\partial\eta_k \) on the logit scale,
     * as {@link #mixturePdot}). p· and its derivatives are combined the same way, and summed per class into
     * {@link BlockResult#classPdot} with {@link #mixtureClassEsa} or individual classes (whose π is 1 and
     * whose animals each have one class).
     */
    private void evaluateClasses(double[] pi, Prepared prep, int m0, int m1, Scratch sc, BlockResult out,
            boolean gradient) {
        final BlockResult[] rc = sc.classResult;
        final double[] logPi = sc.logPi;
        for (int c = 0; c < nClasses; c++) {
            logPi[c] = Math.log(pi[c]);
            classKernel.evaluateBlock(prep.classPar[c], null, prep.classPrep[c], m0, m1, sc.classScratch, rc[c],
                    gradient);
        }
        final int NS = nSlots;
        final int pm = nCombos * P;
        final double[] pd = out.pdot;
        for (int c = 0; c < nClasses; c++) {
            final double[] cp = rc[c].pdot;
            final int o = classCombo[c] * P;
            if (!individualClasses) { // individual classes have no population-level p·
                pd[0] += pi[c] * cp[0];
                for (int j = 0; j < P; j++) {
                    pd[1 + o + j] += pi[c] * cp[1 + j];
                }
                for (int k = 1; k <= pmixSlots; k++) {
                    pd[pm + k] += pi[c] * cp[0] * ((c == k ? 1 : 0) - pi[k]);
                }
            }
            if (mixtureClassEsa || individualClasses) {
                int oc = c * (1 + NS);
                out.classPdot[oc] += cp[0];
                for (int j = 0; j < P; j++) {
                    out.classPdot[oc + 1 + o + j] += cp[1 + j];
                }
            }
        }
        final double[] bm = out.max;
        final double[] bs = out.sum;
        final double[] bg = out.grad;
        for (int i = 0; i < nAnimals; i++) {
            final int e0 = animalEntries[i];
            final int e1 = animalEntries[i + 1];
            double mx = Double.NEGATIVE_INFINITY;
            for (int e = e0; e < e1; e++) {
                BlockResult r = rc[entryClass[e]];
                if (r.sum[i] > 0) {
                    mx = Math.max(mx, logPi[entryClass[e]] + r.max[i]);
                }
            }
            if (mx == Double.NEGATIVE_INFINITY) {
                continue; // no term in this block
            }
            double s = 0;
            final int gi = i * NS;
            for (int e = e0; e < e1; e++) {
                final int c = entryClass[e];
                final BlockResult r = rc[c];
                if (r.sum[i] == 0) {
                    continue;
                }
                double w = Math.exp(logPi[c] + r.max[i] - mx);
                double ws = w * r.sum[i];
                s += ws;
                if (gradient) {
                    final int o = gi + classCombo[c] * P;
                    for (int j = 0; j < P; j++) {
                        bg[o + j] += w * r.grad[i * P + j];
                    }
                    for (int k = 1; k <= pmixSlots; k++) {
                        bg[gi + pm + k - 1] += ws * ((c == k ? 1 : 0) - pi[k]);
                    }
                }
            }
            bm[i] = mx;
            bs[i] = s;
        }
    }

    /**
     * Adds \( \partial p_\cdot/\partial\eta \) at this mask point to {@code pdg[1..]} and returns
     * \( p_\cdot(x) = 1 - e^{-B} \); atom 0 is the base of an animal never caught and at risk on
     * every occasion.
     */
    private double pdot(double[] av, double[] ag, double[] pdg) {
        double eb = Math.exp(-av[0]);
        for (int j = 0; j < nSlots; j++) {
            pdg[1 + j] += eb * ag[j];
        }
        return 1 - eb;
    }

    /**
     * The mixture's \( p_\cdot(x) = \sum_c \pi_c (1 - e^{-B_c}) \); adds its derivatives to
     * {@code pdg[1..]}, with \( \partial\log\pi_c/\partial\eta_{pmix,k} = [c = k] - \pi_k \); with
     * {@link #mixtureClassEsa} also each class's \( p_\cdot \) and its detection-slot derivatives to
     * {@code out.classPdot}.
     */
    private double mixturePdot(double[] av, double[] ag, double[] pi, double[] pdg, BlockResult out) {
        int pm = nCombos * P;
        double sum = 0;
        for (int cl = 0; cl < nClasses; cl++) {
            int t = naiveAtoms[cl];
            double eb = Math.exp(-av[t]);
            double pdc = 1 - eb;
            sum += pi[cl] * pdc;
            for (int j = 0; j < pm; j++) {
                pdg[1 + j] += pi[cl] * eb * ag[t * nSlots + j];
            }
            for (int k = 1; k < nClasses; k++) {
                pdg[1 + pm + k - 1] += pi[cl] * pdc * ((cl == k ? 1 : 0) - pi[k]);
            }
            if (mixtureClassEsa) {
                int o = cl * (1 + nSlots);
                out.classPdot[o] += pdc;
                for (int j = 0; j < pm; j++) {
                    out.classPdot[o + 1 + j] += eb * ag[t * nSlots + j];
                }
            }
        }
        return sum;
    }

    /**
     * Individual classes: adds each class's \( p_\cdot(x) = 1 - e^{-B_c} \) and its derivatives to
     * {@code out.classPdot}; returns 0 (there is no population-level p·).
     */
    private double classPdots(double[] av, double[] ag, BlockResult out) {
        final int stride = 1 + nSlots;
        final double[] cp = out.classPdot;
        for (int cl = 0; cl < nClasses; cl++) {
            int t = naiveAtoms[cl];
            double eb = Math.exp(-av[t]);
            int o = cl * stride;
            cp[o] += 1 - eb;
            for (int j = 0; j < nSlots; j++) {
                cp[o + 1 + j] += eb * ag[t * nSlots + j];
            }
        }
        return 0;
    }

    /** Sets the density atom at mask point m: \( \log D(x_m) \) and its derivatives over the D slots. */
    private void densityAtom(Prepared prep, int m, double[] av, double[] ag) {
        av[densityAtom] = prep.logD[m];
        System.arraycopy(prep.dLogD, m * densityColumns, ag, densityAtom * nSlots + densityOffset, densityColumns);
    }

    /**
     * Adds this point's p· to the block's sums: unweighted (for the esa) and weighted by
     * \( D(x_m) \), whose derivative over D slot j is \( D\,p_\cdot\,\partial\log D/\partial\beta_j \).
     */
    private void addDensityPdot(Prepared prep, int m, double p, double[] point, BlockResult out) {
        double d = Math.exp(prep.logD[m]);
        double[] pdg = out.pdot;
        double[] w = out.densityPdot;
        w[0] += d * p;
        for (int j = 0; j < densityOffset; j++) {
            pdg[1 + j] += point[1 + j];
            w[1 + j] += d * point[1 + j];
        }
        int o = m * densityColumns;
        for (int j = 0; j < densityColumns; j++) {
            w[1 + densityOffset + j] += d * p * prep.dLogD[o + j];
        }
    }

    /**
     * {@link #evaluateBlock} for the {@link #simple} model without {@link #segments} (a mask of few points
     * per row, no separable table, or multi-catch traps and counts with the vector kernel): per mask point
     * one {@link ProximityPass} over all detectors (dense) or over the contiguous run of its row within the
     * radius (local), the bases, and each animal within reach (candidates from its row's list with
     * {@link #rowLists}): its base and detector terms read by position.
     *
     * <p>Along a row, while x increases, the run's ends are swept instead of searched for at each point:
     * they only move right. A new row, or an x that does not increase, starts the sweep again, so any
     * order of points gives the same result.
     */
    private void evaluateSimple(DetectionParameters p, Prepared prep, int m0, int m1, Scratch sc, BlockResult out,
            boolean gradient) {
        final double[] coef = prep.passCoef;
        final double[] ex = separable ? prep.ex[0] : null;
        final double[] eyDense = separable ? prep.ey[0] : null;
        final double[] sums = sc.sums;
        final boolean loc = prep.local;
        double pdotSum = 0;
        int sweepRow = -1;
        double sweepX = Double.NaN;
        int run0 = 0;
        int run1 = 0;
        for (int m = m0; m < m1; m++) {
            double[] xs = kx;
            double[] ys = ky;
            int[] det = null;
            int[] pos = allDetectors;
            int j0 = 0;
            int j1 = nDetectors;
            int row = rowOf[m];
            double[] ey = eyDense;
            int oy = row * nDetectors;
            if (loc) {
                xs = prep.rowDetX[row];
                ys = prep.rowDetY[row];
                det = prep.rowDet[row];
                pos = prep.rowPos[row];
            }
            final double px = mx[m];
            if (row != sweepRow || !(px > sweepX)) {
                sweepRow = row;
                run0 = 0;
                run1 = 0;
            }
            sweepX = px;
            if (loc) {
                final double[] rx = prep.rowDetX[row];
                final int count = prep.rowCount[row];
                final double from = px - prep.radius; // the bounds of runStart and runEnd
                final double to = Math.nextUp(px + prep.radius);
                while (run0 < count && rx[run0] < from) {
                    run0++;
                }
                run1 = Math.max(run1, run0);
                while (run1 < count && rx[run1] < to) {
                    run1++;
                }
                j0 = run0;
                j1 = run1;
                if (separable) {
                    ey = prep.rowDetEy[row];
                    oy = 0;
                }
            }
            pass.run(mx[m], my[m], xs, ys, j0, j1, det, ex, columnOf[m] * nDetectors, ey, oy, hazardWeight, coef,
                    sc.dv, sc.dg0, sc.dg1, sums);
            storeFused(p, 0, sums[0], sums[1], sums[2], sc);
            bases(sc);
            if (simpleQ >= 0) {
                qAtom(sc, simpleQ);
            }
            pdotSum += pdot(sc.atomVal, sc.atomGrad, out.pdot);
            int n;
            if (rowLists) {
                n = withinReach(prep, m, prep.rowAnimals, prep.rowAnimalStart[row], prep.rowAnimalStart[row + 1],
                        sc.visit);
            } else if (loc) {
                n = withinReach(prep, m, sc.visit, 0, selectAnimals(sc.visit, det, j0, j1), sc.visit);
            } else {
                n = withinReach(prep, m, allAnimals, 0, nAnimals, sc.visit);
            }
            animalsSimple(sc, pos, j0, j1, sc.visit, n, out, gradient);
        }
        out.pdot[0] = pdotSum;
    }

    /**
     * {@link #evaluateBlock} for the {@link #simple} model with {@link #segments}: the block's points in
     * row segments, runs of consecutive points of one row in consecutive columns (so x increases), at most
     * {@link #SEGMENT} long, each evaluated by {@link #segment}. Any order of points gives the same result.
     */
    private void evaluateSegments(DetectionParameters p, Prepared prep, int m0, int m1, Scratch sc, BlockResult out,
            boolean gradient) {
        double pdotSum = 0;
        for (int m = m0; m < m1;) {
            final int row = rowOf[m];
            int end = m + 1;
            while (end < m1 && end - m < SEGMENT && rowOf[end] == row && columnOf[end] == columnOf[end - 1] + 1) {
                end++;
            }
            pdotSum = segment(p, prep, row, m, end, sc, out, gradient, pdotSum);
            m = end;
        }
        out.pdot[0] = pdotSum;
    }

    /**
     * One row segment, points {@code [ms, me)} of row {@code row}, in three passes that each run along
     * the row, where the Vector API kernel takes lanes of consecutive points:
     * <ol>
     *   <li>per detector, its atoms and gradient factors at the segment's points within the radius
     *       (under local evaluation those within the disc of the radius around it, {@link #detectorRanges};
     *       every point when dense), and its terms of the per-point hazard sums
     *       ({@link ProximityPass#column}); a kernel that {@link ProximityPass#skipsAtoms} stores the atoms only
     *       at the detectors of the animals whose row interval meets the segment, the only ones the third pass
     *       reads (refL dense: value 8.7 → 7.6 ms, value + gradient 13.2 → 11.6, {@code benchmarks/RESULTS.md});</li>
     *   <li>per point, the bases, the Q atom and p· from those sums, in point order;</li>
     *   <li>per animal of the row's list, at the points of its row interval
     *       ({@link Prepared#rowAnimalXLo}) where all its detectors are within the radius:
     *       \( \ell_i(x_p) = -B_{v(i)} + w_{iQ} Q + \sum_k w_{ik}\,dv_k \) for all those points at once,
     *       then its running log-sum-exp: the maximum raised to the segment's largest term (if larger),
     *       and \( e^{\ell_i - \max_i} \) batched ({@link ProximityPass#exps}) and added in point order.</li>
     * </ol>
     * Each atom and value term is computed as {@link #evaluateSimple} computes it, to the bit; the sums of
     * the first pass (in detector order, not in lanes), the log-sum-exp's rescaling (per segment, not
     * per point) and the per-animal gradient terms (their constant factors taken together) round
     * differently, and local evaluation keeps the pairs within the radius, where the per-point path keeps
     * those within it in x and y (a square: more pairs, each with
     * \( a f(d) \) below the threshold).
     *
     * @return {@code pdotSum} plus this segment's p·, added in point order
     */
    private double segment(DetectionParameters par, Prepared prep, int row, int ms, int me, Scratch sc,
            BlockResult out, boolean gradient, double pdotSum) {
        final int n = me - ms;
        final double[] sx = sc.segX;
        System.arraycopy(mx, ms, sx, 0, n);
        Arrays.fill(sx, n, SEGMENT_STRIDE, mx[me - 1]);
        final int[] first = sc.colFirst;
        final int[] end = sc.colEnd;
        final double[] xs;
        final double[] ys;
        final int[] det;
        final int[] pos;
        int qHi = nDetectors;
        if (prep.local) {
            xs = prep.rowDetX[row];
            ys = prep.rowDetY[row];
            det = prep.rowDet[row];
            pos = prep.rowPos[row];
            detectorRanges(prep, row, n, my[ms], sc);
            qHi = prep.rowCount[row];
        } else {
            xs = kx;
            ys = ky;
            det = null;
            pos = allDetectors;
            Arrays.fill(first, 0);
            Arrays.fill(end, n);
        }
        final double[] sh = sc.segSh;
        final double[] s0 = sc.segS0;
        final double[] s1 = sc.segS1;
        Arrays.fill(sh, 0);
        Arrays.fill(s0, 0);
        Arrays.fill(s1, 0);
        final double py = my[ms];
        final int e0 = prep.rowAnimalStart[row];
        final int e1 = prep.rowAnimalStart[row + 1];
        final boolean skips = pass.skipsAtoms();
        segmentAnimals(prep, e0, e1, sx, n, pos, qHi, skips, sc);
        segmentColumns(prep, row, columnOf[ms], py, xs, ys, det, qHi, skips, gradient, sc);
        pdotSum = segmentPoints(par, n, sc, out, pdotSum);
        for (int e = e0; e < e1; e++) {
            int pa = sc.segPa[e - e0];
            int pb = sc.segPb[e - e0];
            final int i = prep.rowAnimals[e];
            for (int t = simpleStart[i], te = simpleStart[i + 1]; t < te && pa < pb; t++) {
                int q = pos[simpleDetector[t]];
                if (q < 0 || q >= qHi) {
                    pa = pb; // a detector beyond the radius in y
                } else {
                    pa = Math.max(pa, first[q]);
                    pb = Math.min(pb, end[q]);
                }
            }
            if (pa < pb) {
                animalSegment(sc, pos, i, pa, pb, out, gradient, xs, ys, py, prep.passCoef);
            }
        }
        return pdotSum;
    }

    // segment's passes, each a method of its own (as animalSegment's loops, and for the same reason: the one large
    // method ran interpreted or in C1's profiled code for most of a small fit in a fresh JVM)

    /**
     * The row's animals {@code [e0, e1)}: each one's points in the segment by its row interval, into the scratch's
     * {@code segPa, segPb} (its detectors narrow them later); with {@code mark}, the positions {@code q < qHi} of
     * the detectors of those whose range is not empty, in {@code colWant}.
     */
    private void segmentAnimals(Prepared prep, int e0, int e1, double[] sx, int n, int[] pos, int qHi, boolean mark,
            Scratch sc) {
        final double xLast = sx[n - 1];
        final double step = segmentStep(sx, n);
        final int[] segPa = sc.segPa;
        final int[] segPb = sc.segPb;
        final boolean[] want = sc.colWant;
        if (mark) {
            Arrays.fill(want, 0, qHi, false);
        }
        for (int e = e0; e < e1; e++) {
            final double lo = prep.rowAnimalXLo[e];
            int pa = lo >= xLast ? n : firstAbove(sx, n, step, lo);
            int pb = pa >= n ? n : firstAtLeast(sx, n, step, prep.rowAnimalXHi[e]);
            segPa[e - e0] = pa;
            segPb[e - e0] = pb;
            if (mark && pa < pb) {
                final int i = prep.rowAnimals[e];
                for (int t = simpleStart[i], te = simpleStart[i + 1]; t < te; t++) {
                    int q = pos[simpleDetector[t]];
                    if (q >= 0 && q < qHi) {
                        want[q] = true;
                    }
                }
            }
        }
    }

    /** The segment's detector pass: each position {@code q < qHi} over its points {@code [colFirst[q], colEnd[q])}. */
    private void segmentColumns(Prepared prep, int row, int col0, double py, double[] xs, double[] ys, int[] det,
            int qHi, boolean skips, boolean gradient, Scratch sc) {
        final int[] first = sc.colFirst;
        final int[] end = sc.colEnd;
        final boolean[] want = sc.colWant;
        final double[] sx = sc.segX;
        final double[] exT = prep.exT;
        final double[] sh = sc.segSh;
        final double[] s0 = sc.segS0;
        final double[] s1 = sc.segS1;
        for (int q = 0; q < qHi; q++) {
            if (first[q] < end[q]) {
                int k = det == null ? q : det[q];
                double eyq = prep.local ? prep.rowDetEy[row][q] : prep.ey[0][row * nDetectors + k];
                double wq = hazardWeight == null ? 1 : hazardWeight[k];
                if (wq == 1) {
                    pass.column(xs[q], ys[q], sx, py, first[q], end[q], exT, k * prep.exStride + col0, eyq,
                            prep.passCoef, gradient, !skips || want[q], sc.segDv, sc.segDg, q * SEGMENT_STRIDE, sh,
                            s0, s1);
                } else {
                    weightedColumn(xs[q], ys[q], sx, py, first[q], end[q], exT, k * prep.exStride + col0, eyq, wq,
                            prep.passCoef, gradient, q * SEGMENT_STRIDE, sc);
                }
            }
        }
    }

    /**
     * Per point of the segment, in order: the bases, the Q atom and p· from the detector pass's sums, the slots'
     * atoms and gradients copied by point; returns {@code pdotSum} plus the segment's p·.
     */
    private double segmentPoints(DetectionParameters par, int n, Scratch sc, BlockResult out, double pdotSum) {
        final double[] sh = sc.segSh;
        final double[] s0 = sc.segS0;
        final double[] s1 = sc.segS1;
        final double[] av = sc.atomVal;
        final double[] ag = sc.atomGrad;
        final double[] sv = sc.segAtomVal;
        final double[] sg = sc.segAtomGrad;
        for (int p = 0; p < n; p++) {
            storeFused(par, 0, sh[p], s0[p], s1[p], sc);
            bases(sc);
            if (simpleQ >= 0) {
                qAtom(sc, simpleQ);
            }
            pdotSum += pdot(av, ag, out.pdot);
            for (int slot = 0; slot < simpleSlots; slot++) {
                int t = simpleSlotAtom[slot];
                sv[slot * SEGMENT_STRIDE + p] = av[t];
                for (int j = 0; j < P; j++) {
                    sg[(slot * P + j) * SEGMENT_STRIDE + p] = ag[t * P + j];
                }
            }
        }
        return pdotSum;
    }

    /**
     * {@link ProximityPass#column} for a detector of weight {@code wq} other than 1 ({@link #hazardWeight}): its
     * unweighted sums into the scratch's own, then \( w_q \) times them added to the segment's. The column
     * kernels stay those of unit weight (a weight inside the vector kernel made C2's code for it slower in some
     * JVMs: refL dense value 12.3 ms against 9.1).
     */
    private void weightedColumn(double xq, double yq, double[] sx, double py, int p0, int p1, double[] exT, int oe,
            double eyq, double wq, double[] coef, boolean gradient, int od, Scratch sc) {
        final double[] th = sc.segWh;
        final double[] t0 = sc.segW0;
        final double[] t1 = sc.segW1;
        Arrays.fill(th, p0, p1, 0);
        Arrays.fill(t0, p0, p1, 0);
        Arrays.fill(t1, p0, p1, 0);
        pass.column(xq, yq, sx, py, p0, p1, exT, oe, eyq, coef, gradient, true, sc.segDv, sc.segDg, od, th, t0, t1);
        if (wq == 0) {
            return; // a detector that never ran: w h = 0, whatever h is (h = +infinity included)
        }
        final double[] sh = sc.segSh;
        final double[] s0 = sc.segS0;
        final double[] s1 = sc.segS1;
        for (int p = p0; p < p1; p++) {
            sh[p] += wq * th[p];
        }
        if (gradient) {
            for (int p = p0; p < p1; p++) {
                s0[p] += wq * t0[p];
                s1[p] += wq * t1[p];
            }
        }
    }

    /**
     * Local evaluation of a row segment (points' x {@code segX[0, n)}, increasing, at y {@code py}): per
     * position q of row {@code row}'s detector list, the points within the radius of it, a disc,
     * \( x_k - w \le x \le x_k + w \) with w = {@link #discHalfWidth}: {@code [colFirst[q], colEnd[q])}.
     * Each end is found by {@link #firstAtLeast} and {@link #firstAbove}.
     */
    private void detectorRanges(Prepared prep, int row, int n, double py, Scratch sc) {
        final double[] sx = sc.segX;
        final int[] first = sc.colFirst;
        final int[] end = sc.colEnd;
        final double[] rx = prep.rowDetX[row];
        final double[] ry = prep.rowDetY[row];
        final int count = prep.rowCount[row];
        final double radius = prep.radius;
        final double step = segmentStep(sx, n);
        for (int q = 0; q < count; q++) {
            final double half = discHalfWidth(radius, py - ry[q]);
            final int a = firstAtLeast(sx, n, step, rx[q] - half);
            final int b = Math.max(a, firstAbove(sx, n, step, rx[q] + half));
            first[q] = a;
            end[q] = b;
        }
    }

    /**
     * Animal i's terms at points {@code [pa, pb)} of the current row segment, added to its running
     * log-sum-exp ({@link #segment}, third pass). Each value term's arithmetic is that of
     * {@link #animalsSimple}: the base, the Q atom, then each detection in order. The gradient terms are
     * added in the same order, a detection's as \( (w c_a)\,g \) and \( (2 w c c_\sigma)\,(g\,d^2) \) with
     * \( g \) the column pass's factor and \( d^2 \) from the coordinates (\( dls = -2\log f = 2 c d^2 \)), in the
     * same loop as the value's: a pass over the points per detection, not three.
     */
    private void animalSegment(Scratch sc, int[] pos, int i, int pa, int pb, BlockResult out, boolean gradient,
            double[] xs, double[] ys, double py, double[] coef) {
        final int stride = SEGMENT_STRIDE;
        final double[] l = sc.segL;
        final double[] l0 = sc.segL0;
        final double[] l1 = sc.segL1;
        final double[] sv = sc.segAtomVal;
        final double[] sg = sc.segAtomGrad;
        final double[] dv = sc.segDv;
        final double[] dg = sc.segDg;
        final double[] sx = sc.segX;
        final double c = coef[ProximityPass.C];
        final double cA = coef[ProximityPass.CA];
        final double cS = coef[ProximityPass.CS];
        final int slot = simpleSlot[simpleBase[i]];
        final int ob = slot * stride;
        final int og = slot * P * stride;
        // the base and the Q atom, then each detection: one pass over the points each, the gradient's terms
        // beside the value's (each sum takes its terms in the same order either way)
        final double wq = simpleQWeight[i];
        final int oq = simpleSlot[Math.max(simpleQ, 0)] * stride;
        final int ogq = simpleSlot[Math.max(simpleQ, 0)] * P * stride;
        if (!gradient) {
            baseValues(l, sv, ob, oq, wq, pa, pb);
        } else {
            baseGradients(l, l0, l1, sv, sg, ob, og, oq, ogq, stride, wq, pa, pb);
        }
        for (int t = simpleStart[i], te = simpleStart[i + 1]; t < te; t++) {
            final int q = pos[simpleDetector[t]];
            final int od = q * stride;
            final double w = simpleWeight[t];
            if (gradient) {
                // ProximityPass.run's dg0 and dg1 from the column's factor g: w g c_a, and w g dls c_sigma with
                // dls = -2 log f = 2 c d^2 from the coordinates, its constant factors taken together
                final double dy = py - ys[q];
                detectionGradients(l, l0, l1, dv, dg, sx, od, w, w * cA, w * (2 * c * cS), xs[q], dy * dy, pa, pb);
            } else {
                detectionValues(l, dv, od, w, pa, pb);
            }
        }
        final double top = largest(l, pa, pb);
        final double[] bs = out.sum;
        final double[] bg = out.grad;
        final int gi = i * P;
        double mxi = out.max[i];
        if (top > mxi) { // the sum so far rescaled to the new maximum
            double scale = Math.exp(mxi - top);
            bs[i] *= scale;
            if (gradient) {
                bg[gi] *= scale;
                bg[gi + 1] *= scale;
                bg[gi + 2] *= scale;
            }
            out.max[i] = top;
            mxi = top;
        }
        final double[] d = sc.segE;
        final int nb = pb - pa;
        shifted(d, l, pa, nb, mxi);
        pass.exps(d, nb);
        if (gradient) {
            bs[i] = gradientSums(d, l, l0, l1, sg, og + 2 * stride, pa, nb, bs[i], bg, gi);
        } else {
            bs[i] = valueSum(d, l, pa, nb, bs[i]);
        }
    }

    // animalSegment's loops, each a small method of its own: in a fresh JVM C2 compiles each soon and quickly,
    // where the one large method ran C1's profiled code for most of a small fit (its on-stack compilations, one per
    // loop, took C2's time and its ordinary entry was still queued when the fit ended; benchmarks/RESULTS.md)

    /** \( \ell_p = -B_p + w_Q Q_p \) (or \( -B_p \) where the animal has no Q weight) at points {@code [pa, pb)}. */
    private static void baseValues(double[] l, double[] sv, int ob, int oq, double wq, int pa, int pb) {
        if (wq == 0) {
            for (int p = pa; p < pb; p++) {
                l[p] = -sv[ob + p];
            }
        } else {
            for (int p = pa; p < pb; p++) {
                l[p] = -sv[ob + p] + wq * sv[oq + p];
            }
        }
    }

    /** {@link #baseValues} and the two gradient terms' bases. */
    private static void baseGradients(double[] l, double[] l0, double[] l1, double[] sv, double[] sg, int ob, int og,
            int oq, int ogq, int stride, double wq, int pa, int pb) {
        if (wq == 0) {
            for (int p = pa; p < pb; p++) {
                l[p] = -sv[ob + p];
                l0[p] = -sg[og + p];
                l1[p] = -sg[og + stride + p];
            }
        } else {
            for (int p = pa; p < pb; p++) {
                l[p] = -sv[ob + p] + wq * sv[oq + p];
                l0[p] = -sg[og + p] + wq * sg[ogq + p];
                l1[p] = -sg[og + stride + p] + wq * sg[ogq + stride + p];
            }
        }
    }

    /** One detection's value terms, \( w\,dv \), added at points {@code [pa, pb)}. */
    private static void detectionValues(double[] l, double[] dv, int od, double w, int pa, int pb) {
        for (int p = pa; p < pb; p++) {
            l[p] += w * dv[od + p];
        }
    }

    /**
     * One detection's value and gradient terms at points {@code [pa, pb)}: \( w\,dv \), \( (w c_a)\,g \) and
     * \( (2 w c c_\sigma)(g\,d^2) \), the detector at x {@code xq} and squared y offset {@code dy2}.
     */
    private static void detectionGradients(double[] l, double[] l0, double[] l1, double[] dv, double[] dg, double[] sx,
            int od, double w, double wa, double ws, double xq, double dy2, int pa, int pb) {
        for (int p = pa; p < pb; p++) {
            final double dx = sx[p] - xq;
            final double g = dg[od + p];
            l[p] += w * dv[od + p];
            l0[p] += wa * g;
            l1[p] += ws * (g * (dx * dx + dy2));
        }
    }

    /** The largest of {@code l[pa, pb)}, or \( -\infty \). */
    private static double largest(double[] l, int pa, int pb) {
        double top = Double.NEGATIVE_INFINITY;
        for (int p = pa; p < pb; p++) {
            top = l[p] > top ? l[p] : top;
        }
        return top;
    }

    /** {@code d[k] = l[pa + k] - max} for k &lt; n. */
    private static void shifted(double[] d, double[] l, int pa, int n, double max) {
        for (int k = 0; k < n; k++) {
            d[k] = l[pa + k] - max;
        }
    }

    /** {@code sum} plus the terms {@code d[k]} whose log term is finite, added in order. */
    private static double valueSum(double[] d, double[] l, int pa, int n, double sum) {
        for (int k = 0; k < n; k++) {
            if (l[pa + k] != Double.NEGATIVE_INFINITY) {
                sum += d[k];
            }
        }
        return sum;
    }

    /**
     * {@link #valueSum}, and the three gradient sums {@code bg[gi..gi+2]} plus each term times its gradient terms
     * ({@code l0}, {@code l1} and the negated atom gradient {@code sg} from {@code o2}), added in order.
     */
    private static double gradientSums(double[] d, double[] l, double[] l0, double[] l1, double[] sg, int o2, int pa,
            int n, double sum, double[] bg, int gi) {
        double g0 = bg[gi];
        double g1 = bg[gi + 1];
        double g2 = bg[gi + 2];
        for (int k = 0; k < n; k++) {
            final int p = pa + k;
            if (l[p] == Double.NEGATIVE_INFINITY) {
                continue; // no term (an atom of -infinity)
            }
            final double e = d[k];
            sum += e;
            g0 += e * l0[p];
            g1 += e * l1[p];
            g2 += e * -sg[o2 + p];
        }
        bg[gi] = g0;
        bg[gi + 1] = g1;
        bg[gi + 2] = g2;
        return sum;
    }

    /** \( (n - 1)/(x_{n-1} - x_0) \): the reciprocal of a segment's mean spacing, or 0 for one point. */
    static double segmentStep(double[] sx, int n) {
        return n > 1 ? (n - 1) / (sx[n - 1] - sx[0]) : 0;
    }

    /**
     * The first index in {@code sx[0, n)} (a segment's x, increasing) whose value is at least v: guessed
     * from the segment's mean spacing ({@link #segmentStep}; exact on a regular grid but for rounding)
     * by a cast, no call, then moved to the exact index. The moves are rare, so their branches predictable.
     */
    static int firstAtLeast(double[] sx, int n, double step, double v) {
        final double t = (v - sx[0]) * step;
        int g = t <= -1 ? 0 : t >= n ? n : (int) (t + 1);
        while (g > 0 && sx[g - 1] >= v) {
            g--;
        }
        while (g < n && sx[g] < v) {
            g++;
        }
        return g;
    }

    /** As {@link #firstAtLeast}: the first index in {@code sx[0, n)} whose value exceeds v. */
    static int firstAbove(double[] sx, int n, double step, double v) {
        final double t = (v - sx[0]) * step;
        int g = t < 0 ? 0 : t >= n ? n : (int) t + 1;
        while (g > 0 && sx[g - 1] > v) {
            g--;
        }
        while (g < n && sx[g] <= v) {
            g++;
        }
        return g;
    }

    /**
     * Of the animals {@code candidates[from, to)}, those whose reach ({@link #prepareReach}) covers mask
     * point m, written in order to {@code visit} (which may be {@code candidates} when {@code from} is 0);
     * returns how many.
     */
    private int withinReach(Prepared prep, int m, int[] candidates, int from, int to, int[] visit) {
        return withinReach(m, reachX, reachY, prep.reach2, candidates, from, to, visit);
    }

    /** {@link #withinReach(Prepared, int, int[], int, int, int[])} about the centres {@code (cx, cy)}. */
    private int withinReach(int m, double[] cx, double[] cy, double[] r2, int[] candidates, int from, int to,
            int[] visit) {
        final double px = mx[m];
        final double py = my[m];
        int n = 0;
        for (int j = from; j < to; j++) { // branch-free: whether an animal is kept is not predictable
            int i = candidates[j];
            double dx = px - cx[i];
            double dy = py - cy[i];
            visit[n] = i;
            n += dx * dx + dy * dy < r2[i] ? 1 : 0;
        }
        return n;
    }

    /**
     * The per-animal pass of the simple model: \( \ell_i = -B_{v(i)} + w_{iQ} Q + \sum_k w_{ik}\,dv_k \), with
     * \( -\infty \) when one of its detectors lies outside {@code [j0, j1)} (beyond the local radius), added
     * to each visited animal's running log-sum-exp. The terms \( e^{\ell_i - \max_i} \) are batched and
     * exponentiated together ({@link ProximityPass#exps}: the Vector API kernel's exp costs a fraction of
     * {@code Math.exp}'s call), and every one is added: a test for negligible ones is a branch taken at
     * random. The running maximum starts at \( L_i \) ({@link Prepared#startMax}), near the largest term,
     * so that it rarely moves and each move rescales the sum at once.
     */
    private void animalsSimple(Scratch sc, int[] pos, int j0, int j1, int[] visit, int nVisit, BlockResult out,
            boolean gradient) {
        final double[] av = sc.atomVal;
        final double[] ag = sc.atomGrad;
        final double[] dv = sc.dv;
        final double[] dg0 = sc.dg0;
        final double[] dg1 = sc.dg1;
        final int[] start = simpleStart;
        final int[] dk = simpleDetector;
        final double[] w = simpleWeight;
        final double[] bm = out.max;
        final double[] bs = out.sum;
        final double[] bg = out.grad;
        final int[] bi = sc.batchAnimal;
        final double[] bd = sc.batchExp;
        final double[] b0 = sc.batch0;
        final double[] b1 = sc.batch1;
        final double[] b2 = sc.batch2;
        int nb = 0;
        for (int vi = 0; vi < nVisit; vi++) {
            int i = visit[vi];
            int b = simpleBase[i];
            double l = -av[b];
            double l0 = -ag[b * P];
            double l1 = -ag[b * P + 1];
            double wq = simpleQWeight[i];
            if (wq != 0) {
                int q = simpleQ;
                l += wq * av[q];
                l0 += wq * ag[q * P];
                l1 += wq * ag[q * P + 1];
            }
            for (int t = start[i], end = start[i + 1]; t < end; t++) {
                int q = pos[dk[t]];
                if (q < j0 || q >= j1) {
                    l = Double.NEGATIVE_INFINITY;
                    break;
                }
                double wt = w[t];
                l += wt * dv[q];
                if (gradient) {
                    l0 += wt * dg0[q];
                    l1 += wt * dg1[q];
                }
            }
            if (l == Double.NEGATIVE_INFINITY) {
                continue;
            }
            double mxi = bm[i];
            if (l > mxi) { // the sum so far rescaled to the new maximum, whose own term is 1 (below)
                double scale = Math.exp(mxi - l);
                bs[i] *= scale;
                if (gradient) {
                    bg[i * P] *= scale;
                    bg[i * P + 1] *= scale;
                    bg[i * P + 2] *= scale;
                }
                bm[i] = l;
                mxi = l;
            }
            bi[nb] = i;
            bd[nb] = l - mxi;
            if (gradient) {
                b0[nb] = l0;
                b1[nb] = l1;
                b2[nb] = -ag[b * P + 2];
            }
            nb++;
        }
        pass.exps(bd, nb);
        if (gradient) {
            for (int k = 0; k < nb; k++) {
                int gi = bi[k] * P;
                double e = bd[k];
                bs[bi[k]] += e;
                bg[gi] += e * b0[k];
                bg[gi + 1] += e * b1[k];
                bg[gi + 2] += e * b2[k];
            }
        } else {
            for (int k = 0; k < nb; k++) {
                bs[bi[k]] += bd[k];
            }
        }
    }

    /** Adds one mask point's \( e^{\ell} \) to animal i's running log-sum-exp (value only). */
    private static void addPoint(BlockResult out, int i, double l) {
        double mxi = out.max[i];
        if (l == Double.NEGATIVE_INFINITY) {
            return;
        }
        if (l > mxi) {
            out.sum[i] = out.sum[i] * Math.exp(mxi - l) + 1;
            out.max[i] = l;
        } else if (l - mxi > NEGLIGIBLE_LOG) {
            out.sum[i] += Math.exp(l - mxi);
        }
    }

    /** {@link #addPoint(BlockResult, int, double)} with the gradient over three slots. */
    private static void addPoint(BlockResult out, int i, double l, double l0, double l1, double l2) {
        final double[] bg = out.grad;
        double mxi = out.max[i];
        if (l == Double.NEGATIVE_INFINITY || l - mxi <= NEGLIGIBLE_LOG) {
            return;
        }
        int gi = i * P;
        if (l > mxi) {
            double scale = Math.exp(mxi - l);
            out.sum[i] = out.sum[i] * scale + 1;
            bg[gi] = bg[gi] * scale + l0;
            bg[gi + 1] = bg[gi + 1] * scale + l1;
            bg[gi + 2] = bg[gi + 2] * scale + l2;
            out.max[i] = l;
        } else {
            double e = Math.exp(l - mxi);
            out.sum[i] += e;
            bg[gi] += e * l0;
            bg[gi + 1] += e * l1;
            bg[gi + 2] += e * l2;
        }
    }

    private void distances(int m, Scratch sc) {
        final double[] d2 = sc.d2;
        final double px = mx[m];
        final double py = my[m];
        for (int k = 0; k < nDetectors; k++) {
            double dx = px - kx[k];
            double dy = py - ky[k];
            d2[k] = dx * dx + dy * dy;
        }
    }

    /** Shape and unit hazards of combination {@code cb} at mask point {@code m}, into its slice of the scratch. */
    private void detectorPass(DetectionParameters par, Prepared prep, int cb, int m, Scratch sc) {
        final int K = nDetectors;
        final int o = cb * K;
        final double[] d2 = sc.d2;
        final double[] f = sc.f;
        final double[] logf = sc.logf;
        final double[] dls = sc.dls;
        final double[] h = sc.h;
        final double[] rr = sc.r;
        final int owner = prep.shapeOwner[cb];
        final int[] sup = support[cb];
        if (sup != null) { // in force at some detectors only
            detectorPassPartial(par, prep, cb, sc, sup);
            return;
        }
        if (owner != cb) { // same sigma and z as an earlier combination: reuse its shape
            final int oo = owner * K;
            System.arraycopy(f, oo, f, o, K);
            System.arraycopy(logf, oo, logf, o, K);
            System.arraycopy(dls, oo, dls, o, K);
            System.arraycopy(sc.dlz, oo, sc.dlz, o, K);
        } else if (separable && prep.shapeList[cb] == null) {
            final double c = 1 / (2 * par.sigma() * par.sigma());
            final double[] ex = prep.ex[cb];
            final double[] ey = prep.ey[cb];
            final int ox = columnOf[m] * K;
            final int oy = rowOf[m] * K;
            for (int k = 0; k < K; k++) {
                double lf = -d2[k] * c;
                logf[o + k] = lf;
                dls[o + k] = -2 * lf;
                f[o + k] = ex[ox + k] * ey[oy + k];
            }
        } else {
            ownerShape(par, prep, cb, sc);
        }
        final double a = par.a();
        double sh = 0;
        double s0 = 0;
        double s1 = 0;
        if (gType) {
            for (int k = 0; k < K; k++) {
                double v = a * f[o + k];
                double hk = gHazard(v);
                double rk = gRatio(v);
                h[o + k] = hk;
                rr[o + k] = rk;
                sh += hk;
                s0 += rk;
                s1 += rk * dls[o + k];
            }
        } else {
            for (int k = 0; k < K; k++) {
                double v = a * f[o + k];
                h[o + k] = v;
                rr[o + k] = v;
                sh += v;
                s0 += v;
                s1 += v * dls[o + k];
            }
        }
        storeFused(par, cb, sh, s0, s1, sc);
    }

    /**
     * {@link #detectorPass} of a combination in force at detectors {@code sup} only: its shape (from
     * its owner, or computed over the owner's list) and hazards there. Its hazard sums are taken by
     * {@link #pairSums} (a partial combination has no fused pair).
     */
    private void detectorPassPartial(DetectionParameters par, Prepared prep, int cb, Scratch sc, int[] sup) {
        final int o = cb * nDetectors;
        final double[] f = sc.f;
        final int owner = prep.shapeOwner[cb];
        if (owner != cb) {
            copyShape(owner, cb, sup, sup.length, sc);
        } else {
            ownerShape(par, prep, cb, sc);
        }
        final double a = par.a();
        for (int k : sup) {
            double v = a * f[o + k];
            sc.h[o + k] = gType ? gHazard(v) : v;
            sc.r[o + k] = gType ? gRatio(v) : v;
        }
    }

    /** The shape of owner combination cb, at every detector or at those of its list ({@link Prepared#shapeList}). */
    private void ownerShape(DetectionParameters par, Prepared prep, int cb, Scratch sc) {
        int[] list = prep.shapeList[cb];
        if (list == null) {
            shapes(par, cb, sc);
        } else {
            shapesAt(par, cb, list, list.length, sc);
        }
    }

    /** Copies the shape of combination {@code owner} to combination cb at detectors {@code list[0, n)}. */
    private void copyShape(int owner, int cb, int[] list, int n, Scratch sc) {
        final int o = cb * nDetectors;
        final int oo = owner * nDetectors;
        final double[] f = sc.f;
        final double[] logf = sc.logf;
        final double[] dls = sc.dls;
        final double[] dlz = sc.dlz;
        for (int j = 0; j < n; j++) {
            int k = list[j];
            f[o + k] = f[oo + k];
            logf[o + k] = logf[oo + k];
            dls[o + k] = dls[oo + k];
            dlz[o + k] = dlz[oo + k];
        }
    }

    /** The shape of combination cb at detectors {@code list[0, n)}: gathered distances, one vector call, scattered. */
    private void shapesAt(DetectionParameters par, int cb, int[] list, int n, Scratch sc) {
        final int o = cb * nDetectors;
        for (int j = 0; j < n; j++) {
            sc.d2c[j] = sc.d2[list[j]];
        }
        fn.shapes(sc.d2c, n, par.sigma(), par.z(), sc.fc, sc.logfc, sc.dlsc, sc.dlzc, 0);
        for (int j = 0; j < n; j++) {
            int k = list[j];
            sc.f[o + k] = sc.fc[j];
            sc.logf[o + k] = sc.logfc[j];
            sc.dls[o + k] = sc.dlsc[j];
            sc.dlz[o + k] = sc.dlzc[j];
        }
    }

    /**
     * When combination cb has one pair at unit usage (fused), its hazard sums are those of the
     * detector pass: \( H = \sum h \), \( \partial H/\partial\eta_a = c_a\sum r \),
     * \( \partial H/\partial\eta_\sigma = c_\sigma\sum r\,\partial\log f/\partial\log\sigma \).
     */
    private void storeFused(DetectionParameters par, int cb, double sh, double s0, double s1, Scratch sc) {
        int q = fusedPair[cb];
        if (q >= 0) {
            sc.pairH[q] = sh;
            sc.pairDH[q * P] = s0 * par.cA();
            sc.pairDH[q * P + 1] = s1 * par.cSigma();
            sc.pairDH[q * P + 2] = 0;
        }
    }

    /**
     * The search detectors' pass at mask point m: per combination the integrated kernels
     * \( f_k = H_k(x_m) \) with \( \partial\log H_k/\partial\log\sigma \) (shared by combinations with
     * the same sigma), the hazards \( \lambda_0 H_k \); then every location atom.
     */
    private void searchPass(DetectionParameters[] par, Prepared prep, int m, Scratch sc) {
        final int K = nDetectors;
        for (int cb = 0; cb < nCombos; cb++) {
            DetectionParameters p = par[cb];
            int o = cb * K;
            int owner = prep.shapeOwner[cb];
            if (owner != cb) {
                System.arraycopy(sc.f, owner * K, sc.f, o, K);
                System.arraycopy(sc.dls, owner * K, sc.dls, o, K);
            } else if (searchBoxes) {
                // H = the column's factor times the row's, as SearchIntegrals.integrals computes it
                final double[] col = prep.boxColumn[cb];
                final double[] row = prep.boxRow[cb];
                final int co = 2 * columnOf[m] * K;
                final int ro = 2 * rowOf[m] * K;
                for (int k = 0; k < K; k++) {
                    SearchIntegrals.product(col[co + 2 * k], col[co + 2 * k + 1], row[ro + 2 * k], row[ro + 2 * k + 1],
                            sc.f, sc.dls, o + k);
                }
            } else {
                search.integrals(mx[m], my[m], p.sigma(), sc.f, sc.dls, o, sc.searchWork);
            }
            double sh = 0;
            double s1 = 0;
            for (int k = 0; k < K; k++) {
                double v = p.a() * sc.f[o + k]; // logf and dlz stay unused: no LH atoms, no shape parameter
                sc.h[o + k] = v;
                sc.r[o + k] = v;
                sh += v;
                s1 += v * sc.dls[o + k];
            }
            storeFused(p, cb, sh, sh, s1, sc);
        }
        final double[] av = sc.atomVal;
        final double[] ag = sc.atomGrad;
        // \( \log\lambda_0 + \log k(d) - \log \) norm and its derivatives (SearchIntegrals.logDensity, dLogDensity)
        final double[] lc = prep.locationConstants;
        final double xm = mx[m];
        final double ym = my[m];
        final double dim = search.dimension();
        for (int t : locationAtoms) {
            int cb = atomCombo[t];
            double dx = locX[atomArg[t]] - xm;
            double dy = locY[atomArg[t]] - ym;
            double arg = search.radialArgument(dx * dx + dy * dy);
            int so = t * nSlots + cb * P;
            av[t] = lc[3 * cb] - lc[3 * cb + 1] * arg;
            ag[so] = par[cb].cA();
            ag[so + 1] = lc[3 * cb + 2] * arg - dim * par[cb].cSigma();
            ag[so + 2] = 0;
        }
    }

    /**
     * Below this v (and from {@link #SERIES_V}) the hazard \( -\log(1 - v) \) and its log take their long series
     * ({@link #gHazard}, {@link #logHazard}): no log, and exact to rounding where \( -\log(1 - v) \) loses
     * up to \( \epsilon/v \) relative to the rounding of \( 1 - v \) (1.1e-13 at \( v = 10^{-4} \), {@code HazardSeriesTest}).
     */
    static final double LONG_SERIES_V = 0.01;

    /**
     * g-type unit hazard \( -\log(1 - v) = \sum_{n \ge 1} v^n/n \): below {@link #SERIES_V} four terms, below
     * {@link #LONG_SERIES_V} nine (each leaves out less than 2^-53 relative), else {@code Math.log}.
     */
    static double gHazard(double v) {
        return v < LONG_SERIES_V ? gHazardSeries(v) : -Math.log(1 - v);
    }

    /**
     * {@link #gHazard} below {@link #LONG_SERIES_V}: its two series alone, the same numbers, with no call in it, for
     * loops that must not call out ({@code ProximityPass.column}).
     */
    static double gHazardSeries(double v) {
        if (v < SERIES_V) {
            return v * (1 + v * (0.5 + v * (1.0 / 3 + v * 0.25)));
        }
        return v * (1 + v * (1.0 / 2 + v * (1.0 / 3 + v * (1.0 / 4 + v * (1.0 / 5 + v * (1.0 / 6 + v * (1.0 / 7
                + v * (1.0 / 8 + v * (1.0 / 9)))))))));
    }

    /** \( v/(1 - v) \), the derivative of the hazard w.r.t. log v, by its series below {@link #SERIES_V}. */
    static double gRatio(double v) {
        return v < SERIES_V ? v * (1 + v * (1 + v * (1 + v * (1 + v)))) : v / (1 - v);
    }

    /**
     * \( \log h \) for \( h = -\log(1 - v) \), given \( \log v \): below {@link #SERIES_V}
     * \( \log v + v/2 + 5v^2/24 + v^3/8 \) (the series of \( \log(h/v) \), error \( O(v^4) \)); below
     * {@link #LONG_SERIES_V} that series to \( v^8 \) (\( \frac{v}{2} + \frac{5v^2}{24} + \frac{v^3}{8} +
     * \frac{251v^4}{2880} + \frac{19v^5}{288} + \frac{19087v^6}{362880} + \frac{751v^7}{17280} +
     * \frac{1070017v^8}{29030400} \), the next term below 3e-20); else {@code Math.log(h)}.
     */
    static double logHazard(double v, double logV, double h) {
        return v < LONG_SERIES_V ? logHazardSeries(v, logV) : Math.log(h);
    }

    /** {@link #logHazard} below {@link #LONG_SERIES_V}: its two series alone, the same numbers, with no call in it. */
    static double logHazardSeries(double v, double logV) {
        if (v < SERIES_V) {
            return logV + v * (0.5 + v * (5.0 / 24 + v * 0.125));
        }
        return logV + v * (1.0 / 2 + v * (5.0 / 24 + v * (1.0 / 8 + v * (251.0 / 2880 + v * (19.0 / 288
                + v * (19087.0 / 362880 + v * (751.0 / 17280 + v * (1070017.0 / 29030400))))))));
    }

    /** \( \partial\log h/\partial\log v = r/h \) (r = {@link #gRatio}), by its series \( 1 + v/2 \) below {@link #SMALL}. */
    static double hazardRatio(double v, double r, double h) {
        return v < SMALL ? 1 + v / 2 : r / h;
    }

    private void distancesLocal(int m, Scratch sc) {
        final double[] d2 = sc.d2;
        final int[] local = sc.local;
        final double px = mx[m];
        final double py = my[m];
        for (int j = 0, n = sc.nLocal; j < n; j++) {
            int k = local[j];
            double dx = px - kx[k];
            double dy = py - ky[k];
            d2[k] = dx * dx + dy * dy;
        }
    }

    /** {@link #detectorPass} over the detectors within the radius only (the others count as 0). */
    private void detectorPassLocal(DetectionParameters par, Prepared prep, int cb, int m, Scratch sc) {
        final int K = nDetectors;
        final int o = cb * K;
        final int[] local = sc.local;
        final int n = sc.nLocal;
        final double[] d2 = sc.d2;
        final double[] f = sc.f;
        final double[] logf = sc.logf;
        final double[] dls = sc.dls;
        final double[] h = sc.h;
        final double[] rr = sc.r;
        final int owner = prep.shapeOwner[cb];
        if (owner != cb) {
            copyShape(owner, cb, local, n, sc);
        } else if (separable) {
            final double c = 1 / (2 * par.sigma() * par.sigma());
            final double[] ex = prep.ex[cb];
            final double[] ey = prep.ey[cb];
            final int ox = columnOf[m] * K;
            final int oy = rowOf[m] * K;
            for (int j = 0; j < n; j++) {
                int k = local[j];
                double lf = -d2[k] * c;
                logf[o + k] = lf;
                dls[o + k] = -2 * lf;
                f[o + k] = ex[ox + k] * ey[oy + k];
            }
        } else {
            shapesAt(par, cb, local, n, sc);
        }
        final double a = par.a();
        double sh = 0;
        double s0 = 0;
        double s1 = 0;
        for (int j = 0; j < n; j++) {
            int k = local[j];
            double v = a * f[o + k];
            double hk = gType ? gHazard(v) : v;
            double rk = gType ? gRatio(v) : v;
            h[o + k] = hk;
            rr[o + k] = rk;
            sh += hk;
            s0 += rk;
            s1 += rk * dls[o + k];
        }
        storeFused(par, cb, sh, s0, s1, sc);
    }

    /**
     * Hazard sums \( H_{cg} = \sum_k u_{gk} h^c_k \) over detectors {@code detectors[0, n)} (all of
     * them, or those within the local radius) and their derivatives w.r.t. combination c's slots.
     */
    private void pairSums(DetectionParameters[] par, Scratch sc, int[] detectors, int n, boolean local) {
        final int K = nDetectors;
        final double[] h = sc.h;
        final double[] rr = sc.r;
        final double[] dls = sc.dls;
        final double[] dlz = sc.dlz;
        for (int q = 0; q < pairCombo.length; q++) {
            int cb = pairCombo[q];
            if (fusedPair[cb] == q) {
                continue; // summed in the detector pass
            }
            int o = cb * K;
            double sh = 0;
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            final int g = pairGroup[q];
            if (local) { // the detectors within the radius, weighted by the group's dense vector
                final double[] u = groupDense[g];
                for (int j = 0; j < n; j++) {
                    int k = detectors[j];
                    double uk = u[k];
                    double ur = uk * rr[o + k];
                    sh += uk * h[o + k];
                    s0 += ur;
                    s1 += ur * dls[o + k];
                    if (hasZ) {
                        s2 += ur * dlz[o + k];
                    }
                }
            } else { // the group's detectors with non-zero weight
                final int[] idx = groupIndex[g];
                final double[] w = groupWeight[g];
                for (int j = 0; j < idx.length; j++) {
                    int k = idx[j];
                    double uk = w[j];
                    double ur = uk * rr[o + k];
                    sh += uk * h[o + k];
                    s0 += ur;
                    s1 += ur * dls[o + k];
                    if (hasZ) {
                        s2 += ur * dlz[o + k];
                    }
                }
            }
            DetectionParameters p = par[cb];
            sc.pairH[q] = sh;
            sc.pairDH[q * P] = s0 * p.cA();
            sc.pairDH[q * P + 1] = s1 * p.cSigma();
            sc.pairDH[q * P + 2] = hasZ ? s2 * p.cZ() : 0;
        }
    }

    private void shapes(DetectionParameters par, int cb, Scratch sc) {
        fn.shapes(sc.d2, nDetectors, par.sigma(), par.z(), sc.f, sc.logf, sc.dls, sc.dlz, cb * nDetectors);
    }

    /** Values and derivatives (over all slots) of every atom at the current mask point (dense evaluation). */
    private void atoms(DetectionParameters[] par, Scratch sc) {
        bases(sc);
        final int[] fast = unitProximityAtoms;
        for (int j = 0; j < fast.length; j++) {
            unitProximityAtom(par, sc, fast[j]);
        }
        final int[] other = otherAtoms;
        for (int j = 0; j < other.length; j++) {
            int t = other[j];
            if (atomKind[t] == KIND_Q) {
                qAtom(sc, t);
            } else {
                detectorAtom(par, sc, t);
            }
        }
    }

    /**
     * {@link #atoms} of local evaluation: bases and Q atoms as dense; per-detector atoms only for the
     * detectors within the radius, those of the previous mask point that are not set back to
     * \( -\infty \) (g counts as 0 beyond the radius).
     */
    private void atomsLocal(DetectionParameters[] par, Scratch sc) {
        bases(sc);
        for (int t : qAtoms) {
            qAtom(sc, t);
        }
        final int[] finite = sc.finite;
        for (int j = 0, n = sc.nFinite; j < n; j++) {
            clearAtom(finite[j], sc);
        }
        int nf = 0;
        final int[] local = sc.local;
        for (int j = 0, n = sc.nLocal; j < n; j++) {
            int k = local[j];
            for (int a = detectorAtomStart[k], end = detectorAtomStart[k + 1]; a < end; a++) {
                int t = detectorAtoms[a];
                detectionAtom(par, sc, t);
                finite[nf++] = t;
            }
        }
        sc.nFinite = nf;
    }

    /** The animals local evaluation visits at the current mask point: those anchored within the radius, and the free ones. */
    private int selectAnimals(int[] visit, int[] detectors, int from, int to) {
        int n = freeAnimals.length;
        System.arraycopy(freeAnimals, 0, visit, 0, n);
        for (int j = from; j < to; j++) {
            int k = detectors[j];
            int a0 = anchorStart[k];
            int len = anchorStart[k + 1] - a0;
            System.arraycopy(anchorAnimals, a0, visit, n, len);
            n += len;
        }
        return n;
    }

    /** A per-detector atom beyond the local radius: \( -\infty \), gradient 0. */
    private void clearAtom(int t, Scratch sc) {
        int so = t * nSlots + atomCombo[t] * P;
        sc.atomVal[t] = Double.NEGATIVE_INFINITY;
        sc.atomGrad[so] = 0;
        sc.atomGrad[so + 1] = 0;
        sc.atomGrad[so + 2] = 0;
    }

    /** Base atoms: \( B_v = \sum_q c_{vq} H_q \) and their derivatives. */
    private void bases(Scratch sc) {
        final int NS = nSlots;
        final double[] av = sc.atomVal;
        final double[] ag = sc.atomGrad;
        final double[] pH = sc.pairH;
        final double[] pDH = sc.pairDH;
        for (int v = 0; v < basePairs.length; v++) {
            int t = baseAtoms[v];
            int gOff = t * NS;
            for (int j = 0; j < NS; j++) {
                ag[gOff + j] = 0;
            }
            int[] prs = basePairs[v];
            double[] cf = baseCoef[v];
            double sum = 0;
            for (int i = 0; i < prs.length; i++) {
                int q = prs[i];
                double c = cf[i];
                sum += c * pH[q];
                int so = gOff + pairCombo[q] * P;
                ag[so] += c * pDH[q * P];
                ag[so + 1] += c * pDH[q * P + 1];
                ag[so + 2] += c * pDH[q * P + 2];
            }
            av[t] = sum;
        }
    }

    /** \( e^{-H} \) where {@link #qValue} and the Q atom's derivative need it (0 below {@link #SMALL_Q}, where they use series). */
    private static double qExp(double H) {
        return H < SMALL_Q ? 0 : Math.exp(-H);
    }

    /**
     * The Q atom's value \( Q(H) = H + \log(1 - e^{-H}) - \log H \), by its series below {@link #SMALL_Q};
     * {@code e} = {@link #qExp}(H).
     */
    private static double qValue(double H, double e) {
        return H < SMALL_Q ? H / 2 + H * H / 24 : H + Math.log(1 - e) - Math.log(H);
    }

    /** An LPH atom of a g-type function at unit usage: \( \log g_k + h_k \). */
    private void unitProximityAtom(DetectionParameters[] par, Scratch sc, int t) {
        int cb = atomCombo[t];
        DetectionParameters p = par[cb];
        int i = cb * nDetectors + atomArg[t];
        double fac = 1 + sc.r[i];
        int so = t * nSlots + cb * P;
        double[] ag = sc.atomGrad;
        sc.atomVal[t] = p.logA() + sc.logf[i] + sc.h[i];
        ag[so] = fac * p.cA();
        ag[so + 1] = fac * sc.dls[i] * p.cSigma();
        ag[so + 2] = hasZ ? fac * sc.dlz[i] * p.cZ() : 0;
    }

    /**
     * A Q atom (multi-catch competing hazards) of hazard set {@code atomArg[t]}: \( H = \sum_q c_q H_q \)
     * over its pairs, with gradient \( Q'(H) \sum_q c_q \partial H_q \) in the pairs' combinations' slots.
     */
    private void qAtom(Scratch sc, int t) {
        final int[] prs = hazardPairs[atomArg[t]];
        final double[] cf = hazardCoef[atomArg[t]];
        final double[] pH = sc.pairH;
        double H = 0;
        for (int i = 0; i < prs.length; i++) {
            H += cf[i] * pH[prs[i]];
        }
        double e = qExp(H);
        double val = qValue(H, e);
        double dq = H < SMALL_Q ? 0.5 + H / 12 : 1 / (1 - e) - 1 / H;
        double[] ag = sc.atomGrad;
        double[] pDH = sc.pairDH;
        sc.atomVal[t] = val;
        final int go = t * nSlots;
        if (prs.length == 1) {
            int so = go + pairCombo[prs[0]] * P;
            int a = prs[0] * P;
            ag[so] = dq * (cf[0] * pDH[a]);
            ag[so + 1] = dq * (cf[0] * pDH[a + 1]);
            ag[so + 2] = dq * (cf[0] * pDH[a + 2]);
            return;
        }
        for (int i = 0; i < prs.length; i++) {
            int so = go + pairCombo[prs[i]] * P;
            ag[so] = 0;
            ag[so + 1] = 0;
            ag[so + 2] = 0;
        }
        for (int i = 0; i < prs.length; i++) {
            int so = go + pairCombo[prs[i]] * P;
            int a = prs[i] * P;
            ag[so] += dq * (cf[i] * pDH[a]);
            ag[so + 1] += dq * (cf[i] * pDH[a + 1]);
            ag[so + 2] += dq * (cf[i] * pDH[a + 2]);
        }
    }

    /** A per-detector LH atom, or an LPH atom at general usage or of a hazard-type function. */
    private void detectorAtom(DetectionParameters[] par, Scratch sc, int t) {
        int arg = atomArg[t];
        int kind = atomKind[t];
        int cb = atomCombo[t];
        int so = t * nSlots + cb * P;
        final double[] h = sc.h;
        final double[] rr = sc.r;
        DetectionParameters p = par[cb];
        double a = p.a();
        double logA = p.logA();
        int i = cb * nDetectors + arg;
        double logf = sc.logf[i];
        double val;
        double fac0;
        if (kind == KIND_LH) {
            if (!gType) {
                val = logA + logf;
                fac0 = 1;
            } else {
                double g = a * sc.f[i];
                val = logHazard(g, logA + logf, h[i]);
                fac0 = hazardRatio(g, rr[i], h[i]);
            }
        } else { // KIND_LPH at general usage, or hazard type
            double u = atomUsage[t];
            double x = u * h[i];
            if (x < SMALL) {
                double lh;
                double ratio;
                if (!gType) {
                    lh = logA + logf;
                    ratio = 1;
                } else {
                    double g = a * sc.f[i];
                    lh = g < SMALL ? logA + logf + g / 2 : Math.log(h[i]);
                    ratio = hazardRatio(g, rr[i], h[i]);
                }
                val = Math.log(u) + lh + x / 2;
                fac0 = ratio + u * rr[i] / 2;
            } else {
                double e = Math.exp(-x);
                val = Math.log(1 - e) + x;
                fac0 = u * rr[i] / (1 - e);
            }
        }
        double[] ag = sc.atomGrad;
        sc.atomVal[t] = val;
        ag[so] = fac0 * p.cA();
        ag[so + 1] = fac0 * sc.dls[i] * p.cSigma();
        ag[so + 2] = hasZ ? fac0 * sc.dlz[i] * p.cZ() : 0;
    }

    /**
     * The per-detector atoms (LH, LPH) that the animals {@code visit[0, nVisit)} read at mask point m, each
     * computed once (marked in {@link Scratch#atomPoint}), where they are fewer than all: the others are not
     * read there. Where the visited animals' lists are at least as long as the list of all per-detector atoms,
     * all are computed, without marks (either way each atom is computed alike).
     */
    private void detectionAtoms(DetectionParameters[] par, Scratch sc, int[] visit, int nVisit, int m) {
        final int[] start = animalAtomStart;
        final int all = detectorAtoms.length;
        int listed = 0;
        for (int vi = 0; vi < nVisit && listed < all; vi++) {
            listed += start[visit[vi] + 1] - start[visit[vi]];
        }
        if (listed >= all) {
            for (int t : detectorAtoms) {
                detectionAtom(par, sc, t);
            }
            return;
        }
        final int[] stamp = sc.atomPoint;
        final int[] list = animalAtoms;
        for (int vi = 0; vi < nVisit; vi++) {
            int i = visit[vi];
            for (int j = start[i], end = start[i + 1]; j < end; j++) {
                int at = list[j];
                if (stamp[at] != m) {
                    stamp[at] = m;
                    detectionAtom(par, sc, at);
                }
            }
        }
    }

    /** One per-detector atom, by {@link #unitProximityAtom} or {@link #detectorAtom}. */
    private void detectionAtom(DetectionParameters[] par, Scratch sc, int t) {
        if (atomKind[t] == KIND_LPH && gType && atomUsage[t] == 1) {
            unitProximityAtom(par, sc, t);
        } else {
            detectorAtom(par, sc, t);
        }
    }

    /** Adds this mask point to every animal's running log-sum-exp (value only). */
    private void animals(double[] av, int[] visit, int nVisit, BlockResult out) {
        final int[] start = animalStart;
        final int[] ta = termAtom;
        final double[] tw = termWeight;
        for (int vi = 0; vi < nVisit; vi++) {
            int i = visit[vi];
            double l = 0;
            for (int t = start[i], end = start[i + 1]; t < end; t++) {
                l += tw[t] * av[ta[t]];
            }
            addPoint(out, i, l); // -infinity: a detection beyond the local radius
        }
    }

    /** Adds this mask point to every animal's running log-sum-exp and its gradient over the slots. */
    private void animalsWithGradient(double[] av, double[] ag, double[] dl, int[] visit, int nVisit, BlockResult out) {
        if (nSlots == P) {
            animalsWithGradient3(av, ag, visit, nVisit, out);
            return;
        }
        final int NS = nSlots;
        final double[] bm = out.max;
        final double[] bs = out.sum;
        final double[] bg = out.grad;
        final int[] start = animalStart;
        final int[] ta = termAtom;
        final double[] tw = termWeight;
        for (int vi = 0; vi < nVisit; vi++) {
            int i = visit[vi];
            double l = 0;
            for (int t = start[i], end = start[i + 1]; t < end; t++) {
                l += tw[t] * av[ta[t]];
            }
            double mxi = bm[i];
            if (l == Double.NEGATIVE_INFINITY || l - mxi <= NEGLIGIBLE_LOG) {
                continue;
            }
            for (int j = 0; j < NS; j++) {
                dl[j] = 0;
            }
            // each term adds to its atom's slots only: the others' products are +0 or -0, which leave any sum as it is
            for (int t = start[i], end = start[i + 1]; t < end; t++) {
                int at = ta[t];
                int ao = at * NS;
                double w = tw[t];
                final int hi = atomSlotHi[at];
                int j = atomSlotLo[at];
                for (; j + P <= hi; j += P) { // a combination's slots (all but the density atom's)
                    dl[j] += w * ag[ao + j];
                    dl[j + 1] += w * ag[ao + j + 1];
                    dl[j + 2] += w * ag[ao + j + 2];
                }
                for (; j < hi; j++) {
                    dl[j] += w * ag[ao + j];
                }
            }
            int gi = i * NS;
            if (l > mxi) {
                double scale = Math.exp(mxi - l);
                bs[i] = bs[i] * scale + 1;
                for (int j = 0; j < NS; j++) {
                    bg[gi + j] = bg[gi + j] * scale + dl[j];
                }
                bm[i] = l;
            } else {
                double e = Math.exp(l - mxi);
                bs[i] += e;
                for (int j = 0; j < NS; j++) {
                    bg[gi + j] += e * dl[j];
                }
            }
        }
    }

    /**
     * The per-animal pass of a mixture: \( \ell_i = \log \sum_c \pi_c e^{\ell_{ic}} \) over the animal's
     * classes (one when its class is known), with gradient \( \sum_c w_c\,\partial\ell_{ic} \) and, for
     * pmix coefficient k, \( \sum_c w_c ([c = k] - \pi_k) \), \( w_c \) the posterior class weights.
     *
     * <p>The animal's running log-sum-exp over points is kept against the largest class term
     * \( m = \max_c \ell_{ic} \) rather than \( \ell_i \) itself: with \( s = \sum_c e^{\ell_{ic} - m} \)
     * (in [1, C]), the point adds \( s\,e^{m - M_i} = e^{\ell_i - M_i} \) to the sum and
     * \( e^{m - M_i} \sum_c e^{\ell_{ic} - m}\,\partial\ell_{ic} \) to the gradient sums, so that a point
     * takes C - 1 exps and one more (no log, no division). {@code max} then holds the largest m, not the
     * largest \( \ell_i \); the sum times \( e^{\max} \) is the same.
     */
    private void animalsMixture(double[] av, double[] ag, double[] pi, Scratch sc, int[] visit, int nVisit, BlockResult out,
            boolean gradient) {
        final int NS = nSlots;
        final int pm = nCombos * P;
        final double[] bm = out.max;
        final double[] bs = out.sum;
        final double[] bg = out.grad;
        final double[] dl = sc.dl;
        final double[] le = sc.classLog;
        final double[] logPi = sc.logPi;
        // with s at most the number of classes, l = mx + log s <= mx + log C: a term that this bound puts more
        // than 1 below NEGLIGIBLE_LOG (a margin for rounding) is negligible beside the largest term so far
        final double logClasses = Math.log(nClasses) + 1;
        for (int vi = 0; vi < nVisit; vi++) {
            int i = visit[vi];
            int e0 = animalEntries[i];
            int e1 = animalEntries[i + 1];
            double mx = Double.NEGATIVE_INFINITY;
            for (int e = e0; e < e1; e++) {
                double l = logPi[entryClass[e]];
                for (int t = animalStart[e], end = animalStart[e + 1]; t < end; t++) {
                    l += termWeight[t] * av[termAtom[t]];
                }
                le[e - e0] = l;
                mx = Math.max(mx, l);
            }
            if (mx == Double.NEGATIVE_INFINITY) {
                continue; // every class has a detection beyond the local radius
            }
            double mxi = bm[i];
            if (mx - mxi + logClasses <= NEGLIGIBLE_LOG) {
                continue;
            }
            double s = 0;
            for (int e = e0; e < e1; e++) {
                double d = le[e - e0] - mx;
                double w = d == 0 ? 1 : Math.exp(d); // the largest class's term is 1
                le[e - e0] = w;
                s += w;
            }
            if (gradient) {
                java.util.Arrays.fill(dl, 0);
                for (int e = e0; e < e1; e++) {
                    double w = le[e - e0]; // unnormalised: the sums carry the factor s
                    int cl = entryClass[e];
                    for (int t = animalStart[e], end = animalStart[e + 1]; t < end; t++) {
                        int ao = termAtom[t] * NS;
                        double ww = w * termWeight[t];
                        for (int j = 0; j < pm; j++) {
                            dl[j] += ww * ag[ao + j];
                        }
                        for (int j = densityOffset; j < NS; j++) {
                            dl[j] += ww * ag[ao + j];
                        }
                    }
                    for (int k = 1; k <= pmixSlots; k++) {
                        dl[pm + k - 1] += w * ((cl == k ? 1 : 0) - pi[k]);
                    }
                }
            }
            int gi = i * NS;
            if (mx > mxi) {
                double scale = Math.exp(mxi - mx);
                bs[i] = bs[i] * scale + s;
                if (gradient) {
                    for (int j = 0; j < NS; j++) {
                        bg[gi + j] = bg[gi + j] * scale + dl[j];
                    }
                }
                bm[i] = mx;
            } else {
                double e = Math.exp(mx - mxi);
                bs[i] += s * e;
                if (gradient) {
                    for (int j = 0; j < NS; j++) {
                        bg[gi + j] += e * dl[j];
                    }
                }
            }
        }
    }

    /** {@link #animalsWithGradient} for one combination (3 slots), unrolled. */
    private void animalsWithGradient3(double[] av, double[] ag, int[] visit, int nVisit, BlockResult out) {
        final int[] start = animalStart;
        final int[] ta = termAtom;
        final double[] tw = termWeight;
        for (int vi = 0; vi < nVisit; vi++) {
            int i = visit[vi];
            double l = 0;
            double l0 = 0;
            double l1 = 0;
            double l2 = 0;
            for (int t = start[i], end = start[i + 1]; t < end; t++) {
                int at = ta[t];
                double w = tw[t];
                l += w * av[at];
                l0 += w * ag[at * P];
                l1 += w * ag[at * P + 1];
                l2 += w * ag[at * P + 2];
            }
            addPoint(out, i, l, l0, l1, l2);
        }
    }

    /** Partial results of one block of mask points. Not thread-safe. */
    static final class BlockResult {
        final double[] max;
        final double[] sum;
        final double[] grad;
        final double[] pdot;
        /** Density surface: {@code [0]} = Σ D p·, {@code [1+j]} = its derivatives over the slots. */
        final double[] densityPdot;
        /** Individual classes: per class c, {@code [c(1+slots)]} = Σ p·_c, then its derivatives over the slots. */
        final double[] classPdot;

        BlockResult(int animals, int slots, boolean densitySurface) {
            this(animals, slots, densitySurface, 0);
        }

        BlockResult(int animals, int slots, boolean densitySurface, int individualClasses) {
            classPdot = new double[individualClasses * (1 + slots)];
            max = new double[animals];
            sum = new double[animals];
            grad = new double[animals * slots];
            pdot = new double[1 + slots];
            densityPdot = new double[densitySurface ? 1 + slots : 0];
        }

        void reset() {
            Arrays.fill(max, Double.NEGATIVE_INFINITY);
            Arrays.fill(sum, 0);
            Arrays.fill(grad, 0);
            Arrays.fill(pdot, 0);
            Arrays.fill(densityPdot, 0);
            Arrays.fill(classPdot, 0);
        }
    }
}
