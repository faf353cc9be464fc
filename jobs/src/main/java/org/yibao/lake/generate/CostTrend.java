package org.yibao.lake.generate;

import java.util.List;
import org.yibao.lake.generate.Geography.County;

/**
 * Puts every county on its cost trend. A first pass simulates all persons with cost factor 1 and sums
 * pooled-fund spending ({@code hifp_pay}) by insured county, insutype, inpatient or outpatient care, at
 * an in-county non-member or not, and settlement month; the factors of a year then put the county on
 * its yearly cost growth (the planted spike in the spiked county's last year), see {@link #factors}. The second pass draws exactly the same
 * events (no random draw depends on an amount) with these factors (corrected once by a pass that
 * measures them, see {@link #corrected}), so each county's insured of each
 * insutype cost that much more every year, in and out of hospital, inside and outside the medical
 * community alike (so the mix, and with it {@code medfee} and the community's share, follows too), up to cent rounding: the yearly cost-growth indicator
 * (docs/policy.md §9) and the budget's spending growth (§2) follow the trend instead of the noise of a
 * few hundred persons per county, and only the planted spike breaks 10 %. Months keep their simulated
 * spread: a county-month of a few hundred persons can still move by more than 10 % on a few stays.
 */
final class CostTrend {
  /** A factor never leaves this range, so an almost empty first year cannot blow costs up. */
  private static final double MIN_FACTOR = 0.25;
  private static final double MAX_FACTOR = 4.0;

  private final Geography geo;
  private final int years;
  private final long[][][] simulated;
  /** Yearly growth of each county, index year - firstYear (slot 0 unused). */
  private final double[][] growth;
  /** What {@link #factors} aims each county, cell and year at (cents of hifp_pay). */
  private double[][][] target;

  CostTrend(Geography geo, Institutions inst, GeneratorProfile profile, int firstYear, int lastYear) {
    this.geo = geo;
    this.years = lastYear - firstYear + 1;
    this.simulated = new long[geo.counties.size()][SettlementSimulator.CELLS][12 * years];
    this.growth = new double[geo.counties.size()][years];
    for (County c : geo.counties) {
      for (int y = 1; y < years; y++) {
        boolean spike = c.index() == inst.spikeCounty && y == years - 1;
        growth[c.index()][y] = (spike ? profile.costSpikePermille() : c.costGrowthPermille()) / 1000.0;
      }
    }
  }

  /** First pass: a settlement simulated with factor 1. */
  void add(Settlement s, int monthIndex) {
    simulated[s.insuredCountyIndex][SettlementSimulator.cell(s.insutype, s.inpatient(), s.institution,
        s.insuredCountyIndex)][monthIndex] += (s.medfee + s.hifp) / 2;
  }

  /**
   * The factors for {@link SettlementSimulator#steer}, one per county, cell and year (the same for its
   * months). The target of a county's year is its trend level {@code G(y)} (product of 1 + growth) times
   * its de-trended mean {@code Σ spent / Σ G} over all years, for each insutype and for each kind of care
   * (outpatient or inpatient, inside or outside the community) alike; the factors meeting both margins
   * are found by iterative proportional fitting (a few rounds of scaling rows, then columns), so a
   * county-year needs no cell of a handful of employees' stays to carry the trend by itself.
   */
  double[][][] factors() {
    int cells = SettlementSimulator.CELLS;
    double[][][] f = new double[simulated.length][cells][12 * years];
    target = new double[simulated.length][cells][years];
    for (int c = 0; c < simulated.length; c++) {
      double[] level = levels(c);
      double levelSum = java.util.Arrays.stream(level).sum();
      double[] rowBase = new double[2];
      double[] colBase = new double[cells / 2];
      for (int y = 0; y < years; y++) {
        for (int t = 0; t < cells; t++) {
          rowBase[t / (cells / 2)] += yearTotal(c, t, y) / levelSum;
          colBase[t % (cells / 2)] += yearTotal(c, t, y) / levelSum;
        }
      }
      for (int y = 0; y < years; y++) {
        double[] x = new double[cells];
        double[] g = new double[cells];
        for (int t = 0; t < cells; t++) {
          x[t] = yearTotal(c, t, y);
          g[t] = 1;
        }
        for (int round = 0; round < 20; round++) {
          fit(x, g, rowBase, level[y], true);
          fit(x, g, colBase, level[y], false);
        }
        for (int t = 0; t < cells; t++) {
          double factor = x[t] == 0 ? level[y] : Math.max(MIN_FACTOR, Math.min(MAX_FACTOR, g[t]));
          java.util.Arrays.fill(f[c][t], 12 * y, 12 * y + 12, factor);
          target[c][t][y] = x[t] * factor;
        }
      }
    }
    return f;
  }

  /**
   * The factors corrected by what a pass with {@code factors} gave ({@code realized}): the pooled fund
   * pays a share of the cost above a fixed deductible, so scaling a cost by f scales hifp_pay by a little
   * more than f; one correction puts each cell back on its target.
   */
  double[][][] corrected(double[][][] factors, CostTrend realized) {
    double[][][] f = new double[factors.length][SettlementSimulator.CELLS][12 * years];
    for (int c = 0; c < factors.length; c++) {
      for (int t = 0; t < SettlementSimulator.CELLS; t++) {
        for (int y = 0; y < years; y++) {
          long now = realized.yearTotal(c, t, y);
          double factor = factors[c][t][12 * y];
          if (now > 0 && target[c][t][y] > 0) {
            factor = Math.max(MIN_FACTOR, Math.min(MAX_FACTOR, factor * target[c][t][y] / now));
          }
          java.util.Arrays.fill(f[c][t], 12 * y, 12 * y + 12, factor);
        }
      }
    }
    return f;
  }

  /** One IPF step: scale the cells of each row (insutype) or column (kind of care) onto its target. */
  private static void fit(double[] x, double[] g, double[] base, double level, boolean rows) {
    int half = x.length / 2;
    for (int k = 0; k < base.length; k++) {
      double now = 0;
      for (int t = 0; t < x.length; t++) {
        if ((rows ? t / half : t % half) == k) {
          now += x[t] * g[t];
        }
      }
      if (now > 0) {
        for (int t = 0; t < x.length; t++) {
          if ((rows ? t / half : t % half) == k) {
            g[t] *= base[k] * level / now;
          }
        }
      }
    }
  }

  /** The county's trend level by year: the product of 1 + its growth up to that year. */
  private double[] levels(int county) {
    double[] level = new double[years];
    double l = 1;
    for (int y = 0; y < years; y++) {
      l *= 1 + growth[county][y];
      level[y] = l;
    }
    return level;
  }

  private long yearTotal(int county, int cell, int year) {
    long sum = 0;
    for (int m = 0; m < 12; m++) {
      sum += simulated[county][cell][12 * year + m];
    }
    return sum;
  }

  /** Expected growth of the last year over the one before for a set of counties (0 for one year). */
  double lastYearGrowth(List<County> counties) {
    if (years < 2) {
      return 0;
    }
    double last = 0;
    double before = 0;
    for (County c : counties) {
      double[] level = levels(c.index());
      double spent = 0;
      for (int t = 0; t < SettlementSimulator.CELLS; t++) {
        for (int y = 0; y < years; y++) {
          spent += yearTotal(c.index(), t, y);
        }
      }
      double base = spent / java.util.Arrays.stream(level).sum();
      before += base * level[years - 2];
      last += base * level[years - 1];
    }
    return before == 0 ? 0 : last / before - 1;
  }

  Geography geography() {
    return geo;
  }
}
