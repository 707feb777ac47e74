package org.secr4j.design;

import java.util.List;
import java.util.Objects;
import org.secr4j.covariate.CovariateTable;
import org.secr4j.util.Checks;

/**
 * Covariates of detection formulas that come with neither the capture history nor the detectors
 * (secr's {@code timecov} and {@code sessioncov} arguments of {@code secr.fit}): time covariates,
 * one row per occasion (the same for every session), and session covariates, one row per session
 * in session order. Numeric columns enter a formula as numbers, factor columns by treatment
 * contrasts, as detector covariates do. Also the individual factor covariates that form groups
 * (secr's {@code groups}).
 *
 * <p>Immutable; thread-safe.
 */
public record ExtraCovariates(CovariateTable time, CovariateTable session, List<String> groups) {
    private static final ExtraCovariates NONE = new ExtraCovariates(null, null, List.of());

    public ExtraCovariates {
        groups = List.copyOf(groups);
    }

    /** No time or session covariates. */
    public static ExtraCovariates none() {
        return NONE;
    }

    /** These time covariates (one row per occasion). */
    public ExtraCovariates withTime(CovariateTable t) {
        return new ExtraCovariates(Objects.requireNonNull(t, "time covariates"), session, groups);
    }

    /** These session covariates (one row per session, in session order). */
    public ExtraCovariates withSession(CovariateTable s) {
        return new ExtraCovariates(time, Objects.requireNonNull(s, "session covariates"), groups);
    }

    /**
     * Groups formed by these individual factor covariates (secr's {@code groups}, e.g. "sex"): each
     * combination of levels is a group, a separate population with its own density and detection
     * parameters through the formula variable {@code g}.
     */
    public ExtraCovariates withGroups(List<String> names) {
        return new ExtraCovariates(time, session, names);
    }

    /** Checks the row counts against the data: at least the largest number of occasions; one row per session. */
    void check(int occasions, int sessions) {
        if (time != null) {
            Checks.require(time.rows() >= occasions, "time covariates have %d rows but the sessions have up to %d occasions "
                    + "(one row per occasion)", time.rows(), occasions);
        }
        if (session != null) {
            Checks.require(session.rows() == sessions, "session covariates have %d rows but there are %d sessions "
                    + "(one row per session, in session order)", session.rows(), sessions);
        }
    }
}
