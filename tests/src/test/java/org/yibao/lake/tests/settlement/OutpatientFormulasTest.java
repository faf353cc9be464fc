package org.yibao.lake.tests.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.yibao.lake.common.policy.settlement.DipPointValue;
import org.yibao.lake.common.policy.settlement.OutpatientBudgetCap;
import org.yibao.lake.common.policy.settlement.OutpatientCapitation;
import org.yibao.lake.common.policy.settlement.OutpatientCapitation.Institution;
import org.yibao.lake.common.policy.settlement.OutpatientCapitation.InstitutionResult;

/** docs/policy.md §7 outpatient capitation by points (LS-2020), outpatient budget cap and DIP, worked by hand. */
class OutpatientFormulasTest {

  static BigDecimal d(String s) {
    return new BigDecimal(s);
  }

  @Test
  void lishuiCapitationWhenFeesExceedTheControlTotal() {
    // C 10 000 000, F 11 000 000 (= local 9 000 000 + cross-region 1 500 000 + special 500 000)
    // share = |11 000 000 − 10 000 000| × 0.5 = 500 000.00
    // T = C + adjustment 200 000 + share (F > C) = 10 700 000.00
    // T_local = 10 700 000 − 1 500 000 − 500 000 = 8 700 000.00
    // P = 50 000 patients × 100 = 5 000 000; v = 8 700 000 / 5 000 000 = 1.74
    OutpatientCapitation.Result r = OutpatientCapitation.of(
        new OutpatientCapitation.Region(d("10000000.00"), d("11000000.00"), d("200000.00"), d("0.5"),
            d("1500000.00"), d("500000.00"), 50_000, d("100")),
        List.of(new Institution("A", d("4500000.00"), d("300000.00"), d("4050000.00"), d("10000.00")),
            new Institution("B", d("2700000.00"), d("200000.00"), d("2430000.00"), d("0.00")),
            new Institution("C", d("1800000.00"), d("0.00"), d("1620000.00"), d("2500.50"))));
    assertEquals(d("500000.00"), r.region().shareAmt());
    assertEquals(d("10700000.00"), r.region().settlementTotalAmt());
    assertEquals(d("8700000.00"), r.region().localTotalAmt());
    assertEquals(0, d("5000000").compareTo(r.region().totalPoints()));
    assertEquals(d("1.740000"), r.region().pointValue());
    // weights 4.5/9 = 0.5, 2.7/9 = 0.3, 1.8/9 = 0.2; points 2 500 000, 1 500 000, 1 000 000
    // A: 2 500 000 × 1.74 = 4 350 000 + special 300 000 − prepaid 4 050 000 − deductions 10 000 = 590 000.00
    // B: 1 500 000 × 1.74 = 2 610 000 + 200 000 − 2 430 000 − 0 = 380 000.00
    // C: 1 000 000 × 1.74 = 1 740 000 + 0 − 1 620 000 − 2 500.50 = 117 499.50
    InstitutionResult a = r.institutions().get(0);
    assertEquals(d("0.500000"), a.weight());
    assertEquals(d("2500000.0000"), a.points());
    assertEquals(d("4350000.00"), a.pointsAmt());
    assertEquals(d("590000.00"), a.settlementAmt());
    assertEquals(d("2610000.00"), r.institutions().get(1).pointsAmt());
    assertEquals(d("380000.00"), r.institutions().get(1).settlementAmt());
    assertEquals(d("1740000.00"), r.institutions().get(2).pointsAmt());
    assertEquals(d("117499.50"), r.institutions().get(2).settlementAmt());
  }

  @Test
  void lishuiCapitationWhenFeesStayUnderTheControlTotal() {
    // C 10 000 000, F 9 400 000 (= local 7 765 432.11 + cross 1 234 567.89 + special 400 000)
    // share = |9 400 000 − 10 000 000| × 0.5 = 300 000.00
    // T = 10 000 000 − adjustment 100 000 − share (F < C) 300 000 = 9 600 000.00
    // T_local = 9 600 000 − 1 234 567.89 − 400 000 = 7 965 432.11
    // P = 33 333 × 100 = 3 333 300; v = 7 965 432.11 / 3 333 300 = 2.3896535… -> 2.389654
    OutpatientCapitation.Result r = OutpatientCapitation.of(
        new OutpatientCapitation.Region(d("10000000.00"), d("9400000.00"), d("-100000.00"), d("0.5"),
            d("1234567.89"), d("400000.00"), 33_333, d("100")),
        List.of(new Institution("A", d("3000000.00"), d("250000.00"), d("2700000.00"), d("0.00")),
            new Institution("B", d("2765432.11"), d("150000.00"), d("2488888.90"), d("1000.00")),
            new Institution("C", d("2000000.00"), d("0.00"), d("1800000.00"), d("0.00"))));
    assertEquals(d("300000.00"), r.region().shareAmt());
    assertEquals(d("9600000.00"), r.region().settlementTotalAmt());
    assertEquals(d("7965432.11"), r.region().localTotalAmt());
    assertEquals(d("2.389654"), r.region().pointValue());
    // points × v = T_local × fund_i / Σ fund; T_local / Σ fund = 7 965 432.11 / 7 765 432.11
    //   = 1 + 200 000 / 7 765 432.11 = 1.0257551669
    // A: 3 000 000 × 1.0257551669 = 3 077 265.5007 -> 3 077 265.50; + 250 000 − 2 700 000 = 627 265.50
    // B: 2 765 432.11 + 2 765 432.11 × 0.0257551669 (= 71 224.1655) = 2 836 656.2755 -> 2 836 656.28;
    //    + 150 000 − 2 488 888.90 − 1 000 = 496 767.38
    // C: 2 000 000 × 1.0257551669 = 2 051 510.3338 -> 2 051 510.33; − 1 800 000 = 251 510.33
    // Σ points amounts = 3 077 265.50 + 2 836 656.28 + 2 051 510.33 = 7 965 432.11 = T_local
    // weight A = 3 000 000 / 7 765 432.11 = 0.386328; points A = 3 333 300 × 0.38632750 = 1 287 745.4671
    InstitutionResult a = r.institutions().get(0);
    assertEquals(d("0.386328"), a.weight());
    assertEquals(d("1287745.4671"), a.points());
    assertEquals(d("3077265.50"), a.pointsAmt());
    assertEquals(d("627265.50"), a.settlementAmt());
    assertEquals(d("2836656.28"), r.institutions().get(1).pointsAmt());
    assertEquals(d("496767.38"), r.institutions().get(1).settlementAmt());
    assertEquals(d("2051510.33"), r.institutions().get(2).pointsAmt());
    assertEquals(d("251510.33"), r.institutions().get(2).settlementAmt());
  }

  @Test
  void outpatientBudgetCapProRata() {
    // K = 600 000 + 450 000 + 150 000 = 1 200 000 > Bo 1 000 000: each paid K_i × 1 000 000 / 1 200 000 = K_i × 5/6
    BigDecimal k = d("1200000.00");
    BigDecimal bo = d("1000000.00");
    assertTrue(OutpatientBudgetCap.isCapped(k, bo));
    assertEquals(d("500000.00"), OutpatientBudgetCap.payment(d("600000.00"), k, bo));
    assertEquals(d("375000.00"), OutpatientBudgetCap.payment(d("450000.00"), k, bo));
    assertEquals(d("125000.00"), OutpatientBudgetCap.payment(d("150000.00"), k, bo));
    // 100 000.01 × 5/6 = 83 333.341666… -> 83 333.34
    assertEquals(d("83333.34"), OutpatientBudgetCap.payment(d("100000.01"), k, bo));
    // K 900 000 ≤ Bo: paid as claimed
    assertFalse(OutpatientBudgetCap.isCapped(d("900000.00"), bo));
    assertEquals(d("600000.00"), OutpatientBudgetCap.payment(d("600000.00"), d("900000.00"), bo));
  }

  @Test
  void dipPointValueWithLevelCoefficients() {
    // the coefficient is inside the point value: weighted points 40 000 × 1.00 + 35 000 × 0.90 + 25 000 × 0.80
    // = 40 000 + 31 500 + 20 000 = 91 500; value = 9 000 000 / 91 500 = 98.360655737…
    BigDecimal pool = d("9000000.00");
    List<BigDecimal> weighted = List.of(DipPointValue.weightedPoints(d("40000"), d("1.00")),
        DipPointValue.weightedPoints(d("35000"), d("0.90")), DipPointValue.weightedPoints(d("25000"), d("0.80")));
    assertEquals(0, d("91500").compareTo(weighted.stream().reduce(BigDecimal.ZERO, BigDecimal::add)));
    assertEquals(d("98.360656"), DipPointValue.pointValue(pool, d("91500")).setScale(6, java.math.RoundingMode.HALF_UP));
    // shares 9 000 000 × 40 000 / 91 500 = 3 934 426.229…, × 31 500 / 91 500 = 3 098 360.655…,
    // × 20 000 / 91 500 = 1 967 213.114…; floors 3 934 426.22 + 3 098 360.65 + 1 967 213.11 = 8 999 999.98:
    // the two largest remainders in cents (.95 of the first, .57 of the second; the third's is .48) take a cent
    // each: 3 934 426.23, 3 098 360.66, 1 967 213.11; Σ 9 000 000.00 — the whole pool (before: 8 235 000)
    assertEquals(List.of(d("3934426.23"), d("3098360.66"), d("1967213.11")), DipPointValue.payments(pool, weighted));
    // no points: nothing paid; a pool of 1 cent over three equal institutions goes to the first
    assertEquals(List.of(d("0.00")), DipPointValue.payments(pool, List.of(BigDecimal.ZERO)));
    assertEquals(List.of(d("0.01"), d("0.00"), d("0.00")),
        DipPointValue.payments(d("0.01"), List.of(d("1"), d("1"), d("1"))));
    // pool = city budget − outflows + inflows
    assertEquals(d("114600.00"), DipPointValue.pool(d("115500.00"), d("31500.00"), d("30600.00")));
    // payout 2 835 000 / 3 150 000 = 0.9 (≥ 0.85); 1 800 000 / 2 250 000 = 0.8 (< 0.85, flagged by the job)
    assertEquals(d("0.900000"), DipPointValue.payoutRate(d("2835000.00"), d("3150000.00")));
    assertEquals(d("0.800000"), DipPointValue.payoutRate(d("1800000.00"), d("2250000.00")));
    assertNull(DipPointValue.payoutRate(d("1.00"), d("0.00")));
    // special cases: 10 000 DIP discharges × 5 ‰ = 50; 9 999 × 0.005 = 49.995 -> 49; DRG 10 000 × 5 % = 500
    assertEquals(50, DipPointValue.specialCaseLimit(10_000, d("0.005")));
    assertEquals(49, DipPointValue.specialCaseLimit(9_999, d("0.005")));
    assertEquals(500, DipPointValue.specialCaseLimit(10_000, d("0.05")));
  }
}
