package org.secr4j.result;

/**
 * The coarse stage of a fit ({@code FitOptions.withCoarseFit}): the same model fitted first on the masks thinned
 * as for the start values, whose estimate and Hessian start the fit on the full masks.
 *
 * @param maskPoints points of the thinned masks together (0: the stage did not run, because it was turned off or
 *     thinning would not have halved the points)
 * @param evaluations log-likelihood + gradient evaluations on the thinned masks (not counted in
 *     {@link FitDiagnostics#evaluations()}, which counts those on the full masks)
 * @param used whether the fit started from the stage's estimate (false where the stage did not converge, its
 *     estimate was not a finite point of the full likelihood, or the model could not be bound to the thinned masks
 *     with the same coefficients: the fit then started from the start values)
 * @param note why a stage that ran was not used ("" otherwise)
 */
public record CoarseStage(int maskPoints, int evaluations, boolean used, String note) {
    /** No coarse stage. */
    public static final CoarseStage NONE = new CoarseStage(0, 0, false, "");

    public CoarseStage {
        java.util.Objects.requireNonNull(note, "note");
        if (maskPoints < 0 || evaluations < 0 || (used && maskPoints == 0)) {
            throw new IllegalArgumentException("coarse stage: " + maskPoints + " points, " + evaluations
                    + " evaluations, used " + used);
        }
    }
}
