package org.yibao.lake.jobs.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * The report's flow heat map hides a small cell and its complements (docs/monitoring.md small cells): a hidden
 * cell must not be recoverable as its origin's total (a row) or its destination's total (a column) minus the
 * visible cells. Matrices made by hand, decisions worked out by hand.
 */
class FlowSuppressionTest {
  private static BigDecimal[][] matrix(Integer[][] yuan) {
    BigDecimal[][] v = new BigDecimal[yuan.length][];
    for (int i = 0; i < yuan.length; i++) {
      v[i] = new BigDecimal[yuan[i].length];
      for (int j = 0; j < yuan[i].length; j++) {
        v[i][j] = yuan[i][j] == null ? null : BigDecimal.valueOf(yuan[i][j]);
      }
    }
    return v;
  }

  @Test
  void aLoneSmallCellHidesTheSmallestCellOfItsRowAndColumnUntilNoneIsAlone() {
    // rows = origin cities r1..r3, columns = destinations c1..c3 and 省外; null = no flow (a known zero)
    //        c1    c2    c3    省外
    //  r1   500   40*   300    —        * fewer than 10 persons
    //  r2    60   800    —     25
    //  r3     —    90   700    30
    // r1 alone hides 40: r1's total 840 − 500 − 300 would give it, so r1's smallest visible, 300, is hidden;
    // c2 alone hides 40: 930 − 800 − 90 would give it, so c2's smallest visible, 90, is hidden;
    // c3 now hides 300 alone (r2c3 is empty): its other cell, 700, is hidden.
    // Then r1 hides 40 and 300, r3 hides 90 and 700, c2 and c3 two each: no row or column has a lone hidden cell.
    BigDecimal[][] v = matrix(new Integer[][] {{500, 40, 300, null}, {60, 800, null, 25}, {null, 90, 700, 30}});
    boolean[][] small = {{false, true, false, false}, {false, false, false, false}, {false, false, false, false}};
    boolean[][] hidden = MonitoringReport.complementary(v, small);
    assertArrayEquals(new boolean[] {false, true, true, false}, hidden[0]);
    assertArrayEquals(new boolean[] {false, false, false, false}, hidden[1]);
    assertArrayEquals(new boolean[] {false, true, true, false}, hidden[2]);
  }

  @Test
  void twoSmallCellsOfARowAndColumnProtectEachOtherAndNothingElseIsHidden() {
    //        c1    c2
    //  r1    5*     7*      r1 has two hidden cells; c1 and c2 each have one: their smallest visible cells
    //  r2   100    200      (100 in c1, 200 in c2) are hidden; then r2 has two hidden: stable.
    //  r3   300      —      c1 then hides 5 and 100 (two); r3 keeps 300 visible.
    BigDecimal[][] v = matrix(new Integer[][] {{5, 7}, {100, 200}, {300, null}});
    boolean[][] small = {{true, true}, {false, false}, {false, false}};
    boolean[][] hidden = MonitoringReport.complementary(v, small);
    assertArrayEquals(new boolean[] {true, true}, hidden[0]);
    assertArrayEquals(new boolean[] {true, true}, hidden[1]);
    assertArrayEquals(new boolean[] {false, false}, hidden[2]);
  }

  @Test
  void withoutASmallCellNothingIsHidden() {
    BigDecimal[][] v = matrix(new Integer[][] {{1, 2}, {3, null}});
    boolean[][] hidden = MonitoringReport.complementary(v, new boolean[][] {{false, false}, {false, false}});
    assertArrayEquals(new boolean[] {false, false}, hidden[0]);
    assertArrayEquals(new boolean[] {false, false}, hidden[1]);
  }
}
