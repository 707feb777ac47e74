/**
 * Statistics Netherlands' TRIM files: the whitespace-separated data file (site, time, count,
 * optional weight, covariates; a code for missing counts) and the TRIM command file ({@code .tcf})
 * that names it and sets up the runs.
 */
package org.secr4j.io.trim;
