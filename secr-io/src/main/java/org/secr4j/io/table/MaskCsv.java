package org.secr4j.io.table;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.secr4j.covariate.Covariate;
import org.secr4j.covariate.CovariateTable;
import org.secr4j.io.DataFileException;
import org.secr4j.mask.HabitatMask;

/**
 * Reads a habitat mask from CSV {@code x,y[,covariates…]}: centres of a square grid whose spacing
 * is inferred from the points.
 *
 * <p>Immutable; thread-safe (static methods only).
 */
public final class MaskCsv {
    private MaskCsv() {}

    public static HabitatMask read(Path path) {
        CsvTable t = CsvTable.read(path);
        int cx = t.requireColumn("x");
        int cy = t.requireColumn("y");
        if (t.rows() == 0) {
            throw new DataFileException(t.file(), 0, 0, "the mask has no points");
        }
        double[] x = new double[t.rows()];
        double[] y = new double[t.rows()];
        for (int r = 0; r < t.rows(); r++) {
            x[r] = t.number(r, cx);
            y[r] = t.number(r, cy);
        }
        List<Covariate> covs = new ArrayList<>();
        for (int c = 0; c < t.header().size(); c++) {
            if (c == cx || c == cy) {
                continue;
            }
            String[] v = new String[t.rows()];
            for (int r = 0; r < t.rows(); r++) {
                v[r] = t.text(r, c);
            }
            covs.add(Covariate.parse(t.header().get(c), v));
        }
        try {
            return HabitatMask.fromPoints(x, y, CovariateTable.of(t.rows(), covs));
        } catch (IllegalArgumentException e) {
            throw new DataFileException(t.file(), 0, 0, e.getMessage(), e);
        }
    }
}
