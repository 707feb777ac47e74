package org.secr4j.result;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.special.Gamma;
import org.secr4j.capture.CaptureHistory;
import org.secr4j.capture.Detection;
import org.secr4j.capture.Session;
import org.secr4j.model.LikelihoodType;
import org.secr4j.model.PopulationDistribution;

/**
 * The deviance of a fitted model and its residual degrees of freedom, as secr documents them
 * ({@code deviance.secr}, {@code df.residual.secr}): sessions are independent, and
 * \( \mathrm{dev} = -2\log\hat L + 2\log L_{sat} \) with the saturated log-likelihood, per session,
 * \[ \log L_{sat} = c(n) + \sum_\omega \Big[ n_\omega \log\frac{n_\omega}{n} - \log n_\omega! \Big], \]
 * \( n_\omega \) the number of animals with distinct detection history \( \omega \) (occasion,
 * detector and count of every detection, and the occasion of removal), and
 * \( c(n) = \log n! \) (likelihood conditional on n), \( n\log n - n \) (full likelihood, Poisson
 * N) or \( n\log(n/N) + (N - n)\log((N - n)/N) + \log(N!/(N - n)!) \) (binomial N, with
 * \( \hat N = \) the expected number in the mask). The residual df is the number of distinct
 * histories less the number of estimated coefficients.
 *
 * @param deviance \( -2\log\hat L + 2\log L_{sat} \)
 * @param residualDf distinct histories (summed over sessions) minus estimated coefficients
 * @param saturatedLogLik \( \log L_{sat} \) summed over sessions
 * @param distinctHistories the number of distinct histories, summed over sessions
 */
public record Deviance(double deviance, int residualDf, double saturatedLogLik, int distinctHistories) {

    /** The deviance per residual degree of freedom (secr.test's usual statistic); NaN when df &lt;= 0. */
    public double perDf() {
        return residualDf > 0 ? deviance / residualDf : Double.NaN;
    }

    /** The deviance of {@code fit}. */
    public static Deviance of(FittedModel fit) {
        CaptureHistory ch = fit.captureHistory();
        boolean conditional = fit.layout().likelihoodType() != LikelihoodType.FULL;
        boolean binomial = !conditional
                && fit.likelihoodOptions().distribution() == PopulationDistribution.BINOMIAL;
        List<RegionN> expected = binomial ? fit.regionN() : null;
        double sat = 0;
        int distinct = 0;
        for (int s = 0; s < ch.sessionCount(); s++) {
            Session session = ch.session(s);
            int n = session.animals();
            if (n == 0) {
                continue;
            }
            Map<String, Integer> counts = historyCounts(session);
            distinct += counts.size();
            double c;
            if (conditional) {
                c = Gamma.logGamma(n + 1.0);
            } else if (binomial) {
                double bigN = expected.get(s).expected().estimate();
                c = n * Math.log(n / bigN) + (bigN - n) * Math.log((bigN - n) / bigN)
                        + Gamma.logGamma(bigN + 1) - Gamma.logGamma(bigN - n + 1);
            } else {
                c = n * Math.log(n) - n;
            }
            for (int nw : counts.values()) {
                c += nw * Math.log((double) nw / n) - Gamma.logGamma(nw + 1.0);
            }
            sat += c;
        }
        double dev = -2 * fit.logLikelihood() + 2 * sat;
        return new Deviance(dev, distinct - fit.parameterCount(), sat, distinct);
    }

    /** The number of animals with each distinct history of {@code session}. */
    static Map<String, Integer> historyCounts(Session session) {
        List<StringBuilder> keys = new ArrayList<>();
        for (int i = 0; i < session.animals(); i++) {
            keys.add(new StringBuilder().append(session.removedOn(i)).append('|'));
        }
        for (Detection d : session.detections()) { // in animal, then occasion order
            keys.get(d.animal()).append(d.occasion()).append(':').append(d.detector()).append(':').append(d.count())
                    .append(',');
        }
        Map<String, Integer> counts = new HashMap<>();
        for (StringBuilder k : keys) {
            counts.merge(k.toString(), 1, Integer::sum);
        }
        return counts;
    }
}
