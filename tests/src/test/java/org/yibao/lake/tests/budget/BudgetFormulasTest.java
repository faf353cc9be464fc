package org.yibao.lake.tests.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.yibao.lake.common.policy.budget.BedDayAgreement;
import org.yibao.lake.common.policy.budget.CeilingScaling;
import org.yibao.lake.common.policy.budget.GrowthCap;
import org.yibao.lake.common.policy.budget.MedCommunityPackage;
import org.yibao.lake.common.policy.budget.ProportionalAllocation;
import org.yibao.lake.common.policy.budget.WeightedBaseline;

/** The budget formulas of docs/policy.md §1-§5, §7 on BigDecimals, each worked by hand. */
class BudgetFormulasTest {
  private static final List<BigDecimal> W = List.of(d("1"), d("2"), d("7"));

  private static BigDecimal d(String s) {
    return new BigDecimal(s);
  }

  @Test
  void weightedBaselineThreeTwoAndOneYears() {
    // (1×100 + 2×200 + 7×300) / 10 = 2600 / 10 = 260.00
    assertEquals(d("260.00"), WeightedBaseline.of(W, List.of(d("100"), d("200"), d("300"))).baseline());
    // Y-3 missing: (2×200 + 7×301) / 9 = (400 + 2107) / 9 = 2507 / 9 = 278.555… → 278.56
    WeightedBaseline.Result two = WeightedBaseline.of(W, Arrays.asList(null, d("200"), d("301")));
    assertEquals(d("278.56"), two.baseline());
    assertEquals(2, two.historyYears());
    assertNull(two.weights().get(0));
    // only Y-1: E(Y-1) itself, not 0.7 × E(Y-1)
    assertEquals(d("300.00"), WeightedBaseline.of(W, Arrays.asList(null, null, d("300"))).baseline());
    assertNull(WeightedBaseline.of(W, Arrays.asList(null, null, null)).baseline());
  }

  @Test
  void growthIsCappedByRevenueGrowth() {
    // 105 / 100 − 1 = 0.05
    BigDecimal cap = GrowthCap.revenueGrowth(d("105.00"), d("100.00"));
    assertEquals(d("0.050000"), cap);
    assertEquals(d("0.050000"), GrowthCap.applied(null, cap));
    assertEquals(d("0.03"), GrowthCap.applied(d("0.03"), cap));
    assertEquals(d("0.050000"), GrowthCap.applied(d("0.08"), cap));
    // 1000.01 × 1.05 = 1050.0105 → 1050.01
    assertEquals(d("1050.01"), GrowthCap.grow(d("1000.01"), cap));
  }

  @Test
  void ceilingScalesAdjustableCategoriesOnly() {
    // ceiling 100 × 0.98 = 98.00; bottom-up 60 + 40 + 10 = 110 > 98; fixed 10 kept;
    // room 98 − 10 = 88 split 60:40 → 52.80 and 35.20; factor 88 / 100 = 0.88
    BigDecimal ceiling = CeilingScaling.ceiling(d("100.00"), d("0.02"));
    assertEquals(d("98.00"), ceiling);
    CeilingScaling.Result r = CeilingScaling.scale(List.of(d("60.00"), d("40.00"), d("10.00")),
        List.of(false, false, true), ceiling);
    assertEquals(List.of(d("52.80"), d("35.20"), d("10.00")), r.budgets());
    assertEquals(d("0.880000"), r.factor());
  }

  @Test
  void allocationAddsUpToTheCent() {
    // 100.00 in three equal parts: 33.333… each, floors 33.33 ×3 = 99.99, the spare cent to the first
    assertEquals(List.of(d("33.34"), d("33.33"), d("33.33")),
        ProportionalAllocation.split(d("100.00"), List.of(d("1"), d("1"), d("1"))));
  }

  @Test
  void revenueSharePackage() {
    // 1,000,000.00 × (1 − 2 % − 8 %): adjustment 20,000.00, risk 80,000.00, package 900,000.00
    MedCommunityPackage.RevenueShare p = MedCommunityPackage.revenueShare(d("1000000.00"), d("0.02"), d("0.08"));
    assertEquals(d("20000.00"), p.adjustmentFund());
    assertEquals(d("80000.00"), p.riskFund());
    assertEquals(d("900000.00"), p.packageAmt());
  }

  @Test
  void bedDayMaximumAndDeduction() {
    // 33 × 365 × 0.9 = 10,840.50
    BigDecimal max = BedDayAgreement.maxBedDays(33, 365, d("0.9"));
    assertEquals(d("10840.50"), max);
    // 12,000 bed-days, fund 600,000.00: excess 1,159.50 / 12,000 × 600,000 × 1 = 57,975.00
    assertEquals(d("57975.00"), BedDayAgreement.deduction(d("600000.00"), d("12000"), max, d("1")));
    assertEquals(d("0.00"), BedDayAgreement.deduction(d("600000.00"), d("10000"), max, d("1")));
  }
}
