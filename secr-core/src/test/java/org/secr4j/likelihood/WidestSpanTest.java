package org.secr4j.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.secr4j.capture.Detection;

/** {@link SessionKernel#widestSpan}: squared distances first, hypot near their maximum; the same number as hypot everywhere. */
class WidestSpanTest {
    @Test
    void widestSpanIsTheLargestHypotOverEveryAnimalsPairsToTheBit() {
        SplittableRandom r = new SplittableRandom(7);
        for (int trial = 0; trial < 200; trial++) {
            int k = 2 + r.nextInt(30);
            double[] kx = new double[k];
            double[] ky = new double[k];
            for (int j = 0; j < k; j++) {
                // grids and near-ties: many pairs at the same or almost the same distance
                kx[j] = trial % 2 == 0 ? 30 * r.nextInt(6) : r.nextDouble() * 1e4;
                ky[j] = trial % 2 == 0 ? 30 * r.nextInt(6) + 1e-12 * r.nextInt(3) : r.nextDouble() * 1e4;
            }
            List<Detection> dets = new ArrayList<>();
            int animals = 1 + r.nextInt(8);
            double expected = 0;
            for (int i = 0; i < animals; i++) {
                int n = 1 + r.nextInt(6);
                int first = dets.size();
                for (int d = 0; d < n; d++) {
                    dets.add(new Detection(i, d, r.nextInt(k), 1));
                }
                for (int u = first; u < dets.size(); u++) {
                    for (int v = u + 1; v < dets.size(); v++) {
                        int a = dets.get(u).detector();
                        int b = dets.get(v).detector();
                        expected = Math.max(expected, Math.hypot(kx[a] - kx[b], ky[a] - ky[b]));
                    }
                }
            }
            assertEquals(expected, SessionKernel.widestSpan(dets, kx, ky), "trial " + trial);
        }
    }
}
