package org.yibao.lake.tests.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.yibao.lake.common.config.ConfigException;
import org.yibao.lake.common.policy.settlement.Band;
import org.yibao.lake.common.policy.settlement.BandedShare;
import org.yibao.lake.common.policy.settlement.BedDayDeduction;
import org.yibao.lake.common.policy.settlement.OverspendSharing;
import org.yibao.lake.common.policy.settlement.PerformanceScore;
import org.yibao.lake.common.policy.settlement.SurplusRetention;
import org.yibao.lake.common.policy.settlement.YearEndSettlement;

/** docs/policy.md §3 bed-day deduction, §7 year-end settlement and §8 score, worked by hand (no Spark). */
class YearEndFormulasTest {
  static final List<Band> SURPLUS = List.of(new Band(d("0.10"), d("0.80")), new Band(null, d("0.50")));
  static final List<Band> OVERSPEND = List.of(new Band(d("0.10"), d("0.50")), new Band(d("0.15"), d("0.30")),
      new Band(null, d("0")));

  static BigDecimal d(String s) {
    return new BigDecimal(s);
  }

  @Test
  void surplusSpanningTwoBands() {
    // B 10 000 000, A 8 500 000: S = 1 500 000 (15 % of B)
    // band ≤ 10 %: min(1 500 000, 1 000 000) = 1 000 000 × 0.80 = 800 000
    // band > 10 %: 1 500 000 − 1 000 000 = 500 000 × 0.50 = 250 000; banded 1 050 000
    // score 80 -> × 0.8 = 840 000.00 retained
    SurplusRetention.Result r = SurplusRetention.of(d("10000000.00"), d("8500000.00"), SURPLUS, d("0.8"));
    assertEquals(d("1000000.00"), r.bands().parts().get(0).bandAmt());
    assertEquals(d("800000.00"), r.bands().parts().get(0).shareAmt());
    assertEquals(d("500000.00"), r.bands().parts().get(1).bandAmt());
    assertEquals(d("250000.00"), r.bands().parts().get(1).shareAmt());
    assertEquals(d("1050000.00"), r.bandedAmt());
    assertEquals(d("840000.00"), r.retainedAmt());
  }

  @Test
  void overspendSpanningTwoBandsAndTheAdjustmentFundCap() {
    // B 10 000 000, A 11 800 000: O = 1 800 000 (18 % of B)
    // ≤ 10 %: 1 000 000 × 0.50 = 500 000; 10–15 %: 1 500 000 − 1 000 000 = 500 000 × 0.30 = 150 000;
    // > 15 %: 300 000 × 0 = 0; the fund shares 650 000.00
    OverspendSharing.Result r = OverspendSharing.of(d("10000000.00"), d("11800000.00"), OVERSPEND, null);
    assertEquals(d("500000.00"), r.bands().parts().get(1).bandAmt());
    assertEquals(d("150000.00"), r.bands().parts().get(1).shareAmt());
    assertEquals(d("300000.00"), r.bands().parts().get(2).bandAmt());
    assertEquals(d("650000.00"), r.fundShareAmt());
    assertFalse(r.isCapped());
    // revenue_share: the adjustment fund holds 400 000 -> the fund's share is min(650 000, 400 000) = 400 000.00
    OverspendSharing.Result capped = OverspendSharing.of(d("10000000.00"), d("11800000.00"), OVERSPEND, d("400000.00"));
    assertEquals(d("650000.00"), capped.bandedAmt());
    assertEquals(d("400000.00"), capped.fundShareAmt());
    assertTrue(capped.isCapped());
  }

  @Test
  void yearEndWithASurplus() {
    // settled = A + retained = 8 500 000 + 840 000 (surplus case above) = 9 340 000.00
    // deposit returned = 320 000 × 0.8 = 256 000.00; risk fund none
    // monthly gross 6 400 000 (5 % withheld = 320 000, net 6 080 000)
    // final = 9 340 000 + 0 + 256 000 − 1 200 000 (outside) − 6 400 000 (monthly gross) − 700 000 (prepay)
    //         − 12 345.67 (bed-day) − 5 000.00 (other) = 9 596 000 − 8 300 000 − 17 345.67 = 1 278 654.33
    YearEndSettlement.Result r = YearEndSettlement.of(new YearEndSettlement.Input(d("10000000.00"),
        d("8500000.00"), d("1200000.00"), d("6400000.00"), d("700000.00"), d("320000.00"), d("12345.67"),
        d("5000.00"), null, null, d("0.8"), SURPLUS, OVERSPEND));
    assertEquals(d("1500000.00"), r.surplusAmt());
    assertEquals(d("0.00"), r.overspendAmt());
    assertEquals(d("9340000.00"), r.settledAmt());
    assertEquals(d("256000.00"), r.depositReturnedAmt());
    assertEquals(d("0.00"), r.riskFundPaidAmt());
    assertEquals(d("1278654.33"), r.finalPaymentAmt());
    // entitlement 9 340 000 − 1 200 000 − 12 345.67 − 5 000 = 8 122 654.33; forfeited 320 000 × 0.2 = 64 000;
    // received 700 000 + 6 080 000 + 1 278 654.33 = 8 058 654.33 = 8 122 654.33 − 64 000
    assertEquals(d("8122654.33"), r.entitlementAmt());
    assertEquals(d("64000.00"), r.depositForfeitedAmt());
    assertEquals(d("8058654.33"), YearEndSettlement.received(d("700000.00"), d("6400000.00"), d("320000.00"),
        r.finalPaymentAmt()));
  }

  @Test
  void yearEndWithAnOverspendInTheRevenueShareScheme() {
    // settled = B + min(650 000, adjustment fund 400 000) = 10 400 000.00
    // risk fund 800 000 × score 90 / 100 = 720 000.00; deposit 400 000 × 0.9 = 360 000.00
    // monthly gross 8 000 000 (withheld 400 000, net 7 600 000)
    // final = 10 400 000 + 720 000 + 360 000 − 2 000 000 − 8 000 000 − 833 333.33 = 646 666.67
    YearEndSettlement.Result r = YearEndSettlement.of(new YearEndSettlement.Input(d("10000000.00"),
        d("11800000.00"), d("2000000.00"), d("8000000.00"), d("833333.33"), d("400000.00"), d("0.00"),
        d("0.00"), d("400000.00"), d("800000.00"), d("0.9"), SURPLUS, OVERSPEND));
    assertEquals(d("1800000.00"), r.overspendAmt());
    assertEquals(d("10400000.00"), r.settledAmt());
    assertEquals(d("720000.00"), r.riskFundPaidAmt());
    assertEquals(d("360000.00"), r.depositReturnedAmt());
    assertEquals(d("646666.67"), r.finalPaymentAmt());
    // received 833 333.33 + 7 600 000 + 646 666.67 = 9 080 000 = entitlement (10 400 000 + 720 000 − 2 000 000)
    // − forfeited 400 000 × 0.1
    assertEquals(d("9120000.00"), r.entitlementAmt());
    assertEquals(d("9080000.00"), YearEndSettlement.received(d("833333.33"), d("8000000.00"), d("400000.00"),
        r.finalPaymentAmt()));
  }

  @Test
  void theQualityDepositIsPaidOnceIssue9Example() {
    // issue 9 item 1: package 1 200 000, 12 × 100 000 gross (A = 1 200 000), 5 % withheld = 60 000, factor 1,
    // prepay 100 000: settled = B = 1 200 000; final = 1 200 000 + 60 000 − 1 200 000 − 100 000 = −40 000;
    // received 100 000 + 1 140 000 − 40 000 = 1 200 000 (it was 1 260 000 when the net was subtracted)
    YearEndSettlement.Result r = YearEndSettlement.of(new YearEndSettlement.Input(d("1200000.00"),
        d("1200000.00"), d("0.00"), d("1200000.00"), d("100000.00"), d("60000.00"), d("0.00"), d("0.00"), null,
        null, d("1"), SURPLUS, OVERSPEND));
    assertEquals(d("-40000.00"), r.finalPaymentAmt());
    assertEquals(d("1200000.00"), YearEndSettlement.received(d("100000.00"), d("1200000.00"), d("60000.00"),
        r.finalPaymentAmt()));
    // factor 0.8: 12 000 of the deposit is forfeited; received 1 188 000
    YearEndSettlement.Result low = YearEndSettlement.of(new YearEndSettlement.Input(d("1200000.00"),
        d("1200000.00"), d("0.00"), d("1200000.00"), d("100000.00"), d("60000.00"), d("0.00"), d("0.00"), null,
        null, d("0.8"), SURPLUS, OVERSPEND));
    assertEquals(d("1188000.00"), YearEndSettlement.received(d("100000.00"), d("1200000.00"), d("60000.00"),
        low.finalPaymentAmt()));
  }

  @Test
  void bandTablesAreValidated() {
    assertThrows(ConfigException.class, () -> BandedShare.split(d("1"), d("10"),
        List.of(new Band(null, d("0.5")), new Band(d("0.1"), d("0.5")))));
    assertThrows(ConfigException.class, () -> BandedShare.split(d("1"), d("10"),
        List.of(new Band(d("0.2"), d("0.5")), new Band(d("0.1"), d("0.5")))));
    assertThrows(ConfigException.class, () -> BandedShare.split(d("1"), d("10"), List.of(new Band(null, d("1.5")))));
  }

  @Test
  void bedDayDeduction() {
    // 100 beds × 365 × 0.9 = 32 850 max; 36 500 bed-days: excess 3 650 / 36 500 = 0.1 × 3 000 000 × 1.0 = 300 000.00
    assertEquals(d("300000.00"), BedDayDeduction.of(d("3000000.00"), d("36500"), d("32850"), d("1.0")));
    // rate 0.5 -> 150 000.00
    assertEquals(d("150000.00"), BedDayDeduction.of(d("3000000.00"), d("36500"), d("32850"), d("0.5")));
    // 1 234 567.89 × 1 000 / 12 000 = 102 880.6575 -> 102 880.66
    assertEquals(d("102880.66"), BedDayDeduction.of(d("1234567.89"), d("12000"), d("11000"), d("1")));
    // under the maximum: nothing
    assertEquals(d("0.00"), BedDayDeduction.of(d("1234567.89"), d("10000"), d("11000"), d("1")));
  }

  @Test
  void scorecardItemsAndTheTcmBonus() {
    PerformanceScore.Item higher = new PerformanceScore.Item("in_county", "县域内住院率", "indicator", "x", null, "all",
        "higher", d("0.85"), d("20"));
    PerformanceScore.Item lower = new PerformanceScore.Item("self_pay", "自费率", "indicator", "y", "county", "all", "lower",
        d("0.10"), d("20"));
    PerformanceScore.Item manual = new PerformanceScore.Item("satisfaction", "满意度", "manual", null, null, null, null, null,
        d("10"));
    // higher is better: 0.86 and 0.85 (on the target) earn 20, 0.84 none, missing: null (missing, never 0)
    assertEquals(d("20"), PerformanceScore.indicatorPoints(higher, d("0.86")));
    assertEquals(d("20"), PerformanceScore.indicatorPoints(higher, d("0.85")));
    assertEquals(BigDecimal.ZERO, PerformanceScore.indicatorPoints(higher, d("0.84")));
    assertNull(PerformanceScore.indicatorPoints(higher, null));
    // lower is better: 0.10 earns 20, 0.12 none
    assertEquals(d("20"), PerformanceScore.indicatorPoints(lower, d("0.10")));
    assertEquals(BigDecimal.ZERO, PerformanceScore.indicatorPoints(lower, d("0.12")));
    // manual: 8.5 of 10 kept, 12 clamped to 10, never entered: null (missing, never 0)
    assertEquals(d("8.5"), PerformanceScore.manualPoints(manual, d("8.5")));
    assertEquals(d("10"), PerformanceScore.manualPoints(manual, d("12")));
    assertNull(PerformanceScore.manualPoints(manual, null));
    // a missing item earns nothing toward the total: 20 + 20 + missing = 40
    assertEquals(d("40"), PerformanceScore.total(java.util.Arrays.asList(d("20"), d("20"), null), d("100"), false,
        d("5")));
    // 20 + 20 + 0 + 10 + 8.5 + 10 + 10 = 78.5; with a TCM member + 5 = 83.5, without 78.5
    List<BigDecimal> items = List.of(d("20"), d("20"), d("0"), d("10"), d("8.5"), d("10"), d("10"));
    assertEquals(d("83.5"), PerformanceScore.total(items, d("100"), true, d("5")));
    assertEquals(d("78.5"), PerformanceScore.total(items, d("100"), false, d("5")));
    // items above the cap: min(110, 100) + 5 = 105 = cap + bonus
    assertEquals(d("105"), PerformanceScore.total(List.of(d("60"), d("50")), d("100"), true, d("5")));
  }
}
