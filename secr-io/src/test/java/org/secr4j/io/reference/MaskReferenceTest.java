package org.secr4j.io.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.secr4j.detector.DetectorArray;
import org.secr4j.detector.DetectorType;
import org.secr4j.io.table.DetectorCsv;
import org.secr4j.io.table.MaskCsv;
import org.secr4j.mask.HabitatMask;

/**
 * {@link HabitatMask#around} reproduces secr's {@code make.mask(traps(captdata), buffer = 100,
 * nx = 64)} (type "trapbuffer"; spacing = (270 + 2·100)/64 = 7.34375 m), the mask of
 * ../shared/reference/captdata_HN, point for point.
 */
@Tag("reference")
class MaskReferenceTest {
    @Test
    void trapbufferMaskMatchesSecrMakeMask() {
        Path shared = ReferenceCase.shared();
        DetectorArray traps = DetectorCsv.read(shared.resolve("data/captdata/traps.csv"), DetectorType.MULTI);
        HabitatMask secr = MaskCsv.read(shared.resolve("reference/captdata_HN_mask.csv"));
        HabitatMask ours = HabitatMask.around(traps, 100, 7.34375);
        assertEquals(secr.size(), ours.size());
        assertEquals(secr.cellAreaHectares(), ours.cellAreaHectares(), 1e-15);
        Set<String> a = new HashSet<>();
        Set<String> b = new HashSet<>();
        for (int i = 0; i < secr.size(); i++) {
            a.add(Math.round(secr.x(i) * 1e6) + "," + Math.round(secr.y(i) * 1e6));
            b.add(Math.round(ours.x(i) * 1e6) + "," + Math.round(ours.y(i) * 1e6));
        }
        assertEquals(a, b);
    }
}
