/**
 * Named covariate columns (numeric or factor) shared by detectors ({@code trapcov}), animals
 * ({@code covariates(capthist)}) and mask points ({@code covariates(mask)}).
 */
package org.secr4j.covariate;
