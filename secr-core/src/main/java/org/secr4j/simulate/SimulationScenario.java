package org.secr4j.simulate;

import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.capture.Session;
import org.secr4j.detector.DetectorArray;
import org.secr4j.fit.FitOptions;
import org.secr4j.mask.HabitatMask;
import org.secr4j.model.ModelSpec;
import org.secr4j.util.Checks;

/**
 * One scenario of a simulation study (secrdesign's {@code make.scenarios} row): detectors,
 * occasions, the habitat mask the population lives on, the true density, how animals are detected
 * ({@link CaptureSimulator}), an optional individual factor (e.g. sex ratio), and the model fitted
 * to each simulated data set. Immutable; configured through withers.
 */
public final class SimulationScenario {
    private final String name;
    private final DetectorArray detectors;
    private final int occasions;
    private final HabitatMask populationMask;
    private final double densityPerHectare;
    private final CaptureSimulator simulator;
    private final String factorName;
    private final List<String> factorLevels;
    private final double[] factorProbabilities;
    private final HabitatMask fitMask;
    private final ModelSpec model;
    private final FitOptions fitOptions;

    private SimulationScenario(String name, DetectorArray detectors, int occasions, HabitatMask populationMask,
            double densityPerHectare, CaptureSimulator simulator, String factorName, List<String> factorLevels,
            double[] factorProbabilities, HabitatMask fitMask, ModelSpec model, FitOptions fitOptions) {
        this.name = name;
        this.detectors = detectors;
        this.occasions = occasions;
        this.populationMask = populationMask;
        this.densityPerHectare = densityPerHectare;
        this.simulator = simulator;
        this.factorName = factorName;
        this.factorLevels = factorLevels;
        this.factorProbabilities = factorProbabilities;
        this.fitMask = fitMask;
        this.model = model;
        this.fitOptions = fitOptions;
    }

    /**
     * A scenario with a Poisson population of {@code densityPerHectare} over {@code mask}, fitted
     * with the null model {@code D~1, g0~1, sigma~1} of the simulator's detection function over the
     * same mask.
     */
    public static SimulationScenario of(String name, DetectorArray detectors, int occasions, HabitatMask mask,
            double densityPerHectare, CaptureSimulator simulator) {
        Objects.requireNonNull(name, "name");
        Checks.require(occasions >= 1, "scenario '%s': occasions must be >= 1 but was %d", name, occasions);
        Checks.require(densityPerHectare > 0, "scenario '%s': density must be > 0 but was %s", name,
                densityPerHectare);
        return new SimulationScenario(name, detectors, occasions, mask, densityPerHectare, simulator, null, List.of(),
                new double[0], mask, ModelSpec.constant(),
                FitOptions.defaults().with(simulator.detectionFunction()));
    }

    /** With an individual factor drawn for each animal (e.g. {@code "sex"}, F/M, 0.5/0.5). */
    public SimulationScenario withFactor(String covariate, List<String> levels, double... probabilities) {
        return new SimulationScenario(name, detectors, occasions, populationMask, densityPerHectare, simulator,
                covariate, List.copyOf(levels), probabilities.clone(), fitMask, model, fitOptions);
    }

    /** With the model and fit options used on each simulated data set. */
    public SimulationScenario withModel(ModelSpec spec, FitOptions options) {
        return new SimulationScenario(name, detectors, occasions, populationMask, densityPerHectare, simulator,
                factorName, factorLevels, factorProbabilities, fitMask, spec, options);
    }

    /** With a different mask for fitting (e.g. to study the effect of a narrow buffer). */
    public SimulationScenario withFitMask(HabitatMask mask) {
        return new SimulationScenario(name, detectors, occasions, populationMask, densityPerHectare, simulator,
                factorName, factorLevels, factorProbabilities, mask, model, fitOptions);
    }

    /** With another true density (all else equal). */
    public SimulationScenario withDensity(double perHectare) {
        Checks.require(perHectare > 0, "scenario '%s': density must be > 0 but was %s", name, perHectare);
        return new SimulationScenario(name, detectors, occasions, populationMask, perHectare, simulator, factorName,
                factorLevels, factorProbabilities, fitMask, model, fitOptions);
    }

    /** One simulated population (Poisson over the population mask) with its factor, if any. */
    public Population population(RandomGenerator random) {
        Population p = Population.poisson(populationMask, densityPerHectare, random);
        return factorName == null ? p : p.withFactor(factorName, factorLevels, factorProbabilities, random);
    }

    /** One simulated data set: a population, then its capture history (session id "1"). */
    public CaptureHistory simulate(RandomGenerator random) {
        Session s = simulator.simulate("1", population(random), detectors, occasions, random);
        return CaptureHistory.of(s);
    }

    /** True when the scenario draws an individual factor for each animal ({@link #withFactor}). */
    public boolean hasFactor() {
        return factorName != null;
    }

    public String name() {
        return name;
    }

    public DetectorArray detectors() {
        return detectors;
    }

    public int occasions() {
        return occasions;
    }

    public HabitatMask populationMask() {
        return populationMask;
    }

    public HabitatMask fitMask() {
        return fitMask;
    }

    public double densityPerHectare() {
        return densityPerHectare;
    }

    public CaptureSimulator simulator() {
        return simulator;
    }

    public ModelSpec model() {
        return model;
    }

    public FitOptions fitOptions() {
        return fitOptions;
    }
}
