package org.yibao.lake.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.yibao.lake.generate.Geography.City;
import org.yibao.lake.generate.Geography.County;

/**
 * Collects the simulated pooled-fund spending ({@code hifp_pay}) by insured county, insutype and
 * year, and derives a consistent {@code fund_revenue}: actual revenue so that spending is a share
 * between {@code fundSpendPermilleMin} and {@code fundSpendPermilleMax} of it (92-97 %: 以收定支, a
 * small surplus); budget revenue of each year up to lastYear + 1 planned from the previous actual by
 * the county's cost growth plus a margin ({@code revenueMargin*Permille}), so the revenue-growth cap
 * of the budget (docs/policy.md §2) is a little above the spending trend and the reserve of the
 * community package (§4) is roughly earned back. A planted cost spike is not planned for. A city's
 * figures are the sums of its counties'. Integer cents throughout.
 */
final class RevenueBook {
  private static final String[] INSUTYPES = {"310", "390"};

  private final Geography geo;
  private final GeneratorProfile profile;
  private final int firstYear;
  private final int lastYear;
  private final long[][][] spending;

  RevenueBook(Geography geo, GeneratorProfile profile, int firstYear, int lastYear) {
    this.geo = geo;
    this.profile = profile;
    this.firstYear = firstYear;
    this.lastYear = lastYear;
    this.spending = new long[geo.counties.size()][2][lastYear - firstYear + 1];
  }

  void add(Settlement s) {
    int year = java.time.LocalDate.ofEpochDay(s.setlDay).getYear();
    spending[s.insuredCountyIndex][s.insutype.equals("310") ? 0 : 1][year - firstYear] += s.hifp;
  }

  /** {@code fund_revenue} rows, cities each followed by their counties. */
  List<Object[]> rows(SplittableRandom rng) {
    int years = lastYear - firstYear + 1;
    List<Object[]> rows = new ArrayList<>();
    for (City city : geo.cities) {
      long[][][] cityTotals = new long[2][2][years + 1];
      List<Object[]> countyRows = new ArrayList<>();
      for (County county : city.counties()) {
        for (int t = 0; t < 2; t++) {
          long[][] fig = county(county, spending[county.index()][t], rng);
          for (int k = 0; k < 2; k++) {
            for (int y = 0; y <= years; y++) {
              cityTotals[k][t][y] += fig[k][y];
            }
          }
          addRows(countyRows, county.division().code(), INSUTYPES[t], fig);
        }
      }
      for (int t = 0; t < 2; t++) {
        addRows(rows, city.division().code(), INSUTYPES[t], new long[][] {cityTotals[0][t], cityTotals[1][t]});
      }
      rows.addAll(countyRows);
    }
    return rows;
  }

  /** [0] actual by year (last slot unused), [1] budget by year including lastYear + 1. */
  private long[][] county(County county, long[] spent, SplittableRandom rng) {
    int years = spent.length;
    long[] actual = new long[years + 1];
    long[] budget = new long[years + 1];
    for (int y = 0; y < years; y++) {
      int ratio = between(profile.fundSpendPermilleMin(), profile.fundSpendPermilleMax(), rng);
      actual[y] = Math.max(spent[y], 100_000) * 1000 / ratio;
    }
    budget[0] = Money.permille(actual[0], between(990, 1030, rng));
    for (int y = 1; y <= years; y++) {
      budget[y] = Money.permille(actual[y - 1], 1000 + county.costGrowthPermille()
          + between(profile.revenueMarginMinPermille(), profile.revenueMarginMaxPermille(), rng));
    }
    return new long[][] {actual, budget};
  }

  private void addRows(List<Object[]> rows, String admdvs, String insutype, long[][] fig) {
    int years = lastYear - firstYear + 1;
    for (int y = 0; y <= years; y++) {
      if (y < years) {
        rows.add(new Object[] {admdvs, insutype, firstYear + y, "actual", fig[0][y]});
      }
      rows.add(new Object[] {admdvs, insutype, firstYear + y, "budget", fig[1][y]});
    }
  }

  private static int between(int min, int max, SplittableRandom rng) {
    return min + rng.nextInt(max - min + 1);
  }
}
