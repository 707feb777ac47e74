/**
 * Reproducible simulation and what is built on it (secr's {@code sim.capthist}, secrdesign, MCgof):
 * <ul>
 *   <li>{@link org.secr4j.simulate.Population} (activity centres, Poisson or fixed N over a mask,
 *       inhomogeneous from a density surface, clustered as mothers with cubs, individual factors
 *       such as sex), {@link org.secr4j.simulate.OpenPopulation} (sessions linked by survival and
 *       recruitment, trend λ) and {@link org.secr4j.simulate.CaptureSimulator} (capture
 *       histories for multi, single-catch, proximity and count detectors, any detection function,
 *       usage, class-specific parameters, learned response, occasion effects);</li>
 *   <li>{@link org.secr4j.simulate.SimulationStudy}: replicates of simulate → fit per
 *       {@link org.secr4j.simulate.SimulationScenario}, summarised as bias, RMSE, RSE and coverage
 *       ({@link org.secr4j.simulate.ScenarioSummary});</li>
 *   <li>survey design: {@link org.secr4j.simulate.ExpectedCounts} (E(n), E(r), E(m), RSE rule of
 *       thumb; Efford &amp; Boulanger 2019), {@link org.secr4j.simulate.BufferCheck} (mask-buffer bias),
 *       {@link org.secr4j.simulate.TrendPower} (power to detect a yearly change, approximate and
 *       simulated);</li>
 *   <li>diagnostics: {@link org.secr4j.simulate.MonteCarloGof} (Freeman–Tukey Monte Carlo
 *       goodness of fit), {@link org.secr4j.simulate.GofRejectionStudy} (its rejection rates),
 *       {@link org.secr4j.simulate.ParametricBootstrap} (secr.test with refitting: deviance/df
 *       p-value, bootstrap SEs) and {@link org.secr4j.simulate.ClosureTest} (closure from the
 *       spans of capture histories).</li>
 * </ul>
 * Every stochastic call takes an explicit {@link java.util.random.RandomGenerator}; studies split one
 * {@link java.util.SplittableRandom} per replicate before running, so results do not depend on the
 * number of threads.
 */
package org.secr4j.simulate;
