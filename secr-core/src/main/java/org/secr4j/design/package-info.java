/**
 * A model bound to data: {@link org.secr4j.design.ParameterLayout} maps the coefficient vector
 * to real parameters and names the coefficients as secr does.
 */
package org.secr4j.design;
