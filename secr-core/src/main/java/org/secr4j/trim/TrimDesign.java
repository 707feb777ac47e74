package org.secr4j.trim;

import java.util.ArrayList;
import java.util.List;
import org.secr4j.util.Checks;

/**
 * The design of a TRIM model: the row \(x_{ij}\) of every site and time point (observed or not) and
 * the names of the parameters \(\beta\).
 *
 * <p>Model 3: \(x_{ij}\) indicates time \(j \ge 2\) (and, per covariate category \(c\) other than the
 * first, time \(j\) at a site in category \(c\)). Model 2 with changepoints \(c_1 < \dots < c_m\):
 * \(x_{ij,k} = \sum_{t<j} [c_k \le t < c_{k+1}]\) counts the yearly steps of segment \(k\) before
 * time \(j\) (\(c_{m+1} = J\)); with covariates each step carries the category at its start. Model 1
 * has no \(\beta\).
 */
final class TrimDesign {
    /** A block of parameters tested together (a covariate, a changepoint). */
    record Group(String name, int[] columns) {}

    final int sites;
    final int times;
    final double[][][] x;
    final List<String> names = new ArrayList<>();
    final List<Group> covariateGroups = new ArrayList<>();
    /** Model 2: the parameter columns of each segment (constant first, then covariate categories). */
    final List<int[]> segmentColumns = new ArrayList<>();
    final int[] changepoints;

    TrimDesign(TrimData data, TrimOptions options) {
        sites = data.sites().size();
        times = data.timeCount();
        TrimModel model = options.model();
        for (String c : options.covariates()) {
            Checks.require(data.covariateNames().contains(c), "no covariate %s in the data; covariates are %s", c,
                    data.covariateNames());
        }
        if (model == TrimModel.LINEAR_TREND) {
            changepoints = options.changepoints();
            for (int c : changepoints) {
                Checks.require(c < times, "changepoint %d must be before the last time point %d", c, times);
            }
        } else {
            changepoints = new int[0];
        }
        List<double[][]> columns = new ArrayList<>();
        if (model == TrimModel.TIME_EFFECTS) {
            for (int j = 1; j < times; j++) {
                final int time = j;
                names.add("time " + (j + 1));
                columns.add(column((i, t) -> t == time ? 1 : 0));
            }
            for (String cov : options.covariates()) {
                int[] cats = data.categories(cov);
                int start = columns.size();
                for (int k = 1; k < cats.length; k++) {
                    int cat = cats[k];
                    for (int j = 1; j < times; j++) {
                        final int time = j;
                        names.add(cov + " " + cat + " time " + (j + 1));
                        columns.add(column((i, t) -> t == time && data.category(cov, i, t) == cat ? 1 : 0));
                    }
                }
                covariateGroups.add(new Group(cov, range(start, columns.size())));
            }
        } else if (model == TrimModel.LINEAR_TREND) {
            List<List<Integer>> perSegment = new ArrayList<>();
            for (int k = 0; k < changepoints.length; k++) {
                perSegment.add(new ArrayList<>());
                int from = changepoints[k];
                int upto = k + 1 < changepoints.length ? changepoints[k + 1] : times;
                perSegment.get(k).add(columns.size());
                names.add("slope " + from + "-" + upto);
                columns.add(steps(from, upto, (i, t) -> 1));
            }
            for (String cov : options.covariates()) {
                int[] cats = data.categories(cov);
                List<Integer> group = new ArrayList<>();
                for (int k = 0; k < changepoints.length; k++) {
                    int from = changepoints[k];
                    int upto = k + 1 < changepoints.length ? changepoints[k + 1] : times;
                    for (int c = 1; c < cats.length; c++) {
                        int cat = cats[c];
                        perSegment.get(k).add(columns.size());
                        group.add(columns.size());
                        names.add("slope " + from + "-" + upto + " " + cov + " " + cat);
                        columns.add(steps(from, upto, (i, t) -> data.category(cov, i, t) == cat ? 1 : 0));
                    }
                }
                covariateGroups.add(new Group(cov, group.stream().mapToInt(Integer::intValue).toArray()));
            }
            for (List<Integer> s : perSegment) {
                segmentColumns.add(s.stream().mapToInt(Integer::intValue).toArray());
            }
        }
        int p = columns.size();
        x = new double[sites][times][p];
        for (int c = 0; c < p; c++) {
            for (int i = 0; i < sites; i++) {
                for (int j = 0; j < times; j++) {
                    x[i][j][c] = columns.get(c)[i][j];
                }
            }
        }
    }

    int parameters() {
        return names.size();
    }

    private interface Cell {
        double value(int site, int time);
    }

    private double[][] column(Cell cell) {
        double[][] out = new double[sites][times];
        for (int i = 0; i < sites; i++) {
            for (int j = 0; j < times; j++) {
                out[i][j] = cell.value(i, j);
            }
        }
        return out;
    }

    /** Cumulative steps t (0-based start time) with from-1 <= t < upto-1, each weighted by cell(i, t). */
    private double[][] steps(int from, int upto, Cell cell) {
        double[][] out = new double[sites][times];
        for (int i = 0; i < sites; i++) {
            double sum = 0;
            for (int j = 1; j < times; j++) {
                int t = j - 1;
                if (t >= from - 1 && t < upto - 1) {
                    sum += cell.value(i, t);
                }
                out[i][j] = sum;
            }
        }
        return out;
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int k = 0; k < r.length; k++) {
            r[k] = from + k;
        }
        return r;
    }
}
