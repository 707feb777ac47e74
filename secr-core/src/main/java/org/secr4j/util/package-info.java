/** Small helpers shared by the packages of secr-core: argument checks with messages in {@code Locale.ROOT}. */
package org.secr4j.util;
