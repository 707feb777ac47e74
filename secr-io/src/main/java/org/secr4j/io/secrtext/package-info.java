/** Readers for secr's whitespace-separated text formats ({@code read.traps}, {@code read.capthist}). */
package org.secr4j.io.secrtext;
