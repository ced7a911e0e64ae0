package org.dsa110.contimg.sink;

import org.dsa110.contimg.contract.testing.ModuleShape;
import org.junit.jupiter.api.Test;

/** This module's code keeps the project's shape rules ({@link ModuleShape}: no package cycles, and the rest). */
class ModuleShapeTest {

    @Test
    void theModuleKeepsItsShape() {
        ModuleShape.check("sink");
    }
}
