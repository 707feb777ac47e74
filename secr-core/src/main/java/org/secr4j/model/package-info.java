/**
 * What the user asks for, not tied to data: {@link org.secr4j.model.ModelSpec} (a
 * {@link org.secr4j.model.Formula} per {@link org.secr4j.model.RealParameter}),
 * {@link org.secr4j.model.DetectionFunction}, {@link org.secr4j.model.Link},
 * {@link org.secr4j.model.LikelihoodType}, {@link org.secr4j.model.PopulationDistribution}.
 */
package org.secr4j.model;
