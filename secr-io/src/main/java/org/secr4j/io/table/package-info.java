/** CSV readers (Tablesaw underneath) for detectors, captures and masks in the layout of secr4j's reference data. */
package org.secr4j.io.table;
