/**
 * Density from encounters of moving animals with lines and cameras: the
 * Formozov–Malyshev–Pereleshin (FMP) estimator for winter track counts and the random encounter
 * model (REM, Rowcliffe et al. 2008) for unmarked camera traps, on one encounter geometry.
 *
 * <p>An animal travelling \(d\) km a day on an isotropic path meets a detector of mean projected
 * width \(w\) (km) at rate \( D\,d\,w \) per day (Cauchy–Crofton): a line of length \(L\) has
 * \( w = 2L/\pi \) (hence FMP, \( \hat D = \frac{\pi}{2}\,\frac{x}{L\,\bar d\,t} \) per km², x crossings
 * accumulated over t days), a camera with radius \(r\) and arc \(\theta\) has \( w = r(2+\theta)/\pi \)
 * (hence REM). Encounter-rate variance between routes follows Fewster et al. (2009) (R2, or O2 for
 * systematic parallel routes); the daily distance \(\bar d\) comes from trailed animal-days
 * (resampling animals); uncertainty combines by the delta method with Satterthwaite degrees of
 * freedom and a log-normal interval (Buckland et al. 2001, section 3.7), or by a route bootstrap.
 *
 * <p>Units: kilometres, days, animals per km² (with per-100 km² helpers). Depends on no other
 * secr4j model package.
 */
package org.secr4j.tracks;
