package org.yibao.lake.tests.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yibao.lake.common.config.ConfigException;
import org.yibao.lake.common.policy.settlement.MonthlyPreSettlement;
import org.yibao.lake.common.policy.settlement.Prepayment;
import org.yibao.lake.common.policy.settlement.QualityDeposit;
import org.yibao.lake.common.policy.settlement.ScoreFactor;
import org.yibao.lake.common.policy.settlement.SettlementCalendar;

/** docs/policy.md §6 formulas, worked by hand (no Spark). */
class MonthlyFormulasTest {

  static BigDecimal d(String s) {
    return new BigDecimal(s);
  }

  @Test
  void prepaymentIsLastYearsMonthlyAverageTimesMonths() {
    // 1 234 567.89 / 12 = 102 880.6575 -> 102 880.66; × 1 month = 102 880.66
    Prepayment.Result one = Prepayment.of(d("1234567.89"), d("1"));
    assertEquals(d("102880.66"), one.avgMonthlyAmt());
    assertEquals(d("102880.66"), one.prepayAmt());
    // × 1.5 months from the unrounded average: 102 880.6575 × 1.5 = 154 320.98625 -> 154 320.99
    assertEquals(d("154320.99"), Prepayment.of(d("1234567.89"), d("1.5")).prepayAmt());
  }

  @Test
  void budgetShareIsATwelfthOfThePackageTimesTheRatio() {
    // 12 000 000 / 12 = 1 000 000 × 0.80 = 800 000.00
    assertEquals(d("800000.00"), MonthlyPreSettlement.budgetShare(d("12000000.00"), d("0.80")));
    // 10 000 000 / 12 = 833 333.333… × 0.80 = 666 666.666… -> 666 666.67
    assertEquals(d("666666.67"), MonthlyPreSettlement.budgetShare(d("10000000.00"), d("0.80")));
  }

  @Test
  void actualCappedPaysTheActualUpToATwelfthOfTheBudget() {
    // cap = 1 200 000 / 12 = 100 000.00
    assertEquals(d("100000.00"), MonthlyPreSettlement.monthlyCap(d("1200000.00")));
    // under the cap: 90 000.00 paid as is; over it: min(130 000, 100 000) = 100 000.00
    assertEquals(d("90000.00"), MonthlyPreSettlement.actualCapped(d("90000.00"), d("1200000.00")));
    assertEquals(d("100000.00"), MonthlyPreSettlement.actualCapped(d("130000.00"), d("1200000.00")));
  }

  @Test
  void cumulativeCapCatchesUpWhatEarlierMonthsLeftUnder() {
    // budget 1 200 000, cap 100 000 a month; actual m1 130 000, m2 60 000, m3 120 000
    // m1: ytd 130 000, cap·1 = 100 000 -> capped ytd 100 000; paid 100 000 − 0 = 100 000
    assertEquals(d("100000.00"),
        MonthlyPreSettlement.actualCappedCumulative(d("130000.00"), d("0.00"), d("1200000.00"), 1));
    // m2: ytd 190 000, cap·2 = 200 000 -> 190 000; paid 190 000 − 100 000 = 90 000 (non-cumulative: 60 000)
    assertEquals(d("90000.00"),
        MonthlyPreSettlement.actualCappedCumulative(d("190000.00"), d("130000.00"), d("1200000.00"), 2));
    // m3: ytd 310 000, cap·3 = 300 000 -> 300 000; paid 300 000 − 190 000 = 110 000 (non-cumulative: 100 000)
    assertEquals(d("110000.00"),
        MonthlyPreSettlement.actualCappedCumulative(d("310000.00"), d("190000.00"), d("1200000.00"), 3));
    // budget 1 000 000: cap·1 = 83 333.33, cap·2 = 166 666.666… -> 166 666.67; m2 paid 166 666.67 − 83 333.33 = 83 333.34
    assertEquals(d("83333.34"),
        MonthlyPreSettlement.actualCappedCumulative(d("500000.00"), d("250000.00"), d("1000000.00"), 2));
  }

  @Test
  void actualRatioPaysTheRatioAndRefusesARatioBelowTheFloor() {
    // 123 456.78 × 0.90 = 111 111.102 -> 111 111.10
    assertEquals(d("111111.10"), MonthlyPreSettlement.actualRatio(d("123456.78"), d("0.90"), d("0.90")));
    // 0.85 < floor 0.90: a configuration error, not a silent raise
    ConfigException e = assertThrows(ConfigException.class,
        () -> MonthlyPreSettlement.actualRatio(d("100.00"), d("0.85"), d("0.90")));
    assertTrue(e.getMessage().contains("ratio_floor"), e.getMessage());
  }

  @Test
  void depositWithheldMonthlyAndReturnedAtScore80() {
    // withheld 5 % of 800 000.00 = 40 000.00 a month; net paid 760 000.00
    assertEquals(d("40000.00"), QualityDeposit.withheld(d("800000.00"), d("0.05")));
    // 111 111.10 × 0.05 = 5 555.555 -> 5 555.56 (HALF_UP)
    assertEquals(d("5555.56"), QualityDeposit.withheld(d("111111.10"), d("0.05")));
    // score 80 -> factor 80/100 = 0.8 (floor 0, cap 1); 12 × 40 000 = 480 000 × 0.8 = 384 000.00 returned
    BigDecimal f = ScoreFactor.of(d("80"), d("0"), d("1"));
    assertEquals(d("0.800000"), f);
    assertEquals(d("384000.00"), QualityDeposit.returned(d("480000.00"), f));
    // score 105 (with the TCM bonus) is capped at 1; score 40 with a floor of 0.6 gives 0.6
    assertEquals(d("1.000000"), ScoreFactor.of(d("105"), d("0"), d("1")));
    assertEquals(d("0.600000"), ScoreFactor.of(d("40"), d("0.6"), d("1")));
  }

  @Test
  void declarationOnTheTenthAndPaymentWithinTwentyWorkingDays() {
    // March 2026 closes Friday 2026-04-10; 20 working days after it: Apr 13–17 (5), 20–24 (10),
    // Apr 27–May 1 (15), May 4–8 (20) -> due Friday 2026-05-08
    SettlementCalendar.Dates dates = SettlementCalendar.of(YearMonth.of(2026, 3), 10, 20, Set.of());
    assertEquals(LocalDate.of(2026, 4, 10), dates.declarationDate());
    assertEquals(LocalDate.of(2026, 5, 8), dates.paymentDueDate());
    // with 2026-05-01 a holiday: Apr 27–30 (14), May 4–8 (19), Mon May 11 (20)
    assertEquals(LocalDate.of(2026, 5, 11),
        SettlementCalendar.of(YearMonth.of(2026, 3), 10, 20, Set.of(LocalDate.of(2026, 5, 1))).paymentDueDate());
    LocalDate due = dates.paymentDueDate();
    assertTrue(SettlementCalendar.isLate(due, LocalDate.of(2026, 5, 9), LocalDate.of(2026, 6, 1)));
    assertFalse(SettlementCalendar.isLate(due, LocalDate.of(2026, 5, 8), LocalDate.of(2026, 6, 1)));
    // unpaid: not late on the due date, late the day after
    assertFalse(SettlementCalendar.isLate(due, null, LocalDate.of(2026, 5, 8)));
    assertTrue(SettlementCalendar.isLate(due, null, LocalDate.of(2026, 5, 9)));
  }
}
