package org.yibao.lake.common.pii;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which columns a {@code privacy.suppressed_columns} entry names, and complementary suppression by hand. */
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

  @Test
  void aLoneHiddenCellTakesTheSmallestVisibleSiblingWithIt() {
    // one group, counts 5 (primary: < 10), 40, 12, 30; total 87 published.
    // 87 − 40 − 12 − 30 = 5 would give the hidden cell back: the smallest visible sibling (12) is hidden too,
    // after which 87 − 40 − 30 = 17 is only the sum of two hidden cells.
    boolean[] out = SmallCells.complement(new boolean[] {true, false, false, false}, new double[] {5, 40, 12, 30},
        List.of(List.of("g", "g", "g", "g")));
    assertArrayEquals(new boolean[] {true, false, true, false}, out);
  }

  @Test
  void twoHiddenCellsOrNoneOrAGroupOfOneNeedNothing() {
    // group a: two hidden already; group b: none hidden; group c: one row only (hidden, its total is itself)
    boolean[] primary = {true, true, false, false, false, true};
    boolean[] out = SmallCells.complement(primary, new double[] {3, 4, 50, 20, 30, 6},
        List.of(List.of("a", "a", "a", "b", "b", "c")));
    assertArrayEquals(primary, out);
  }

  @Test
  void tiesGoToTheFirstRow() {
    // hidden 2; visible 15, 15, 20: the first 15 (row 1) is hidden
    boolean[] out = SmallCells.complement(new boolean[] {true, false, false, false}, new double[] {2, 15, 15, 20},
        List.of(List.of("g", "g", "g", "g")));
    assertArrayEquals(new boolean[] {true, true, false, false}, out);
  }

  @Test
  void rowAndColumnTotalsAreProtectedTogetherUntilStable() {
    // a 3 × 3 origin × destination table with row and column totals published:
    //            d1   d2   d3
    //   o1        4   50   60      (4 is primary)
    //   o2       30   35   70
    //   o3       80   90   25
    // round 1, rows: o1 has one hidden (4) → its smallest visible, 50 (o1,d2), is hidden.
    //          columns: d1 has one hidden (4) → smallest visible 30 (o2,d1); d2 has one hidden (50) → 35 (o2,d2).
    // round 2, rows: o2 now has two hidden (30, 35): fine; o1 two: fine; o3 none.
    //          columns: d1 two (4, 30), d2 two (50, 35), d3 none → stable.
    String[] origin = {"o1", "o1", "o1", "o2", "o2", "o2", "o3", "o3", "o3"};
    String[] dest = {"d1", "d2", "d3", "d1", "d2", "d3", "d1", "d2", "d3"};
    boolean[] primary = new boolean[9];
    primary[0] = true;
    boolean[] out = SmallCells.complement(primary, new double[] {4, 50, 60, 30, 35, 70, 80, 90, 25},
        List.of(List.of(origin), List.of(dest)));
    assertArrayEquals(new boolean[] {true, true, false, true, true, false, false, false, false}, out);
    // every row and column holds 0 or ≥ 2 hidden cells
    for (List<String> grouping : List.of(List.of(origin), List.of(dest))) {
      for (String g : List.of("o1", "o2", "o3", "d1", "d2", "d3")) {
        long h = java.util.stream.IntStream.range(0, 9).filter(i -> grouping.get(i).equals(g) && out[i]).count();
        assertTrue(h == 0 || h >= 2, g + " has " + h + " hidden");
      }
    }
  }

  @Test
  void theRepositoryConfiguresEveryFlaggingTable() {
    Path conf = Path.of("..", "conf");
    SmallCells.Complement c = SmallCells.complementFor(conf, "ads.budget_two_disease");
    assertEquals("signed_patient_cnt", c.by());
    assertEquals(List.of("budget_run_id", "medcommunity_id", "insutype"), c.key());
    assertEquals("patient_cnt", SmallCells.complementFor(conf, "ads.capitation_points").by());
    assertNull(SmallCells.complementFor(conf, "ads.budget_city"));
  }
}
