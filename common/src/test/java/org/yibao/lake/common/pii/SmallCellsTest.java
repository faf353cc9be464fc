package org.yibao.lake.common.pii;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which columns a {@code privacy.suppressed_columns} entry names. */
class SmallCellsTest {
  @Test
  void namesMatchExactlyAndGlobsByShape() {
    assertTrue(SmallCells.matches("value", "value"));
    assertFalse(SmallCells.matches("value", "value_rate"));
    assertTrue(SmallCells.matches("*_cnt", "out_county_setl_cnt"));
    assertFalse(SmallCells.matches("*_cnt", "cnt_total"));
    assertTrue(SmallCells.matches("*_rate", "inflow_case_rate"));
    assertFalse(SmallCells.matches("*_amt", "admdvs"));
    assertTrue(SmallCells.matches("out_*_amt", "out_city_fund_amt"));
  }
}
