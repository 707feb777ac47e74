/** Runnable, tested example programs: the simulated Amur leopard camera-trap survey. */
package org.secr4j.examples;
