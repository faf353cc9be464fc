package org.yibao.lake.jobs.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.yibao.lake.common.money.Money;
import org.yibao.lake.jobs.flow.RegionColumns;

/**
 * The fund figures of the monitoring report (docs/monitoring.md, report): expenditure, revenue, balance,
 * months of reserve (可支付月数) and budget execution against time elapsed (预算执行率 vs 序时进度, docs/policy.md §9).
 * Pure functions of the tables they read, so a test can check each against a hand-worked fixture.
 *
 * <p>Readings (no formula in the policy texts): revenue is annual in {@code dwd.fund_revenue} (kind
 * {@code actual}), so the revenue of a part of the year is pro rata of months elapsed; the accumulated balance
 * is every year's actual revenue (the current year pro rata) less every month's expenditure up to the
 * period, since the lake has no opening balance; months of reserve = accumulated balance / the average
 * monthly expenditure of the 12 months ending at the period (fewer when the data are shorter).
 */
public final class ReportFigures {
  private ReportFigures() {}

  /** Pooled-fund expenditure (Σ hifp_pay) per month ({@code yyyy-MM}) of the insured in scope, for one insutype or all (null). */
  public static TreeMap<String, BigDecimal> expenditureByMonth(Dataset<Row> dws, ReportScope scope, String insutype) {
    Dataset<Row> d = inScope(dws, col("insuplc_admdvs"), scope);
    if (insutype != null) {
      d = d.filter(col("insutype").equalTo(insutype));
    }
    TreeMap<String, BigDecimal> out = new TreeMap<>();
    for (Row r : d.groupBy("setl_month").agg(Money.sum("hifp_pay")).collectAsList()) {
      out.put(r.getString(0), r.getDecimal(1));
    }
    return out;
  }

  /** Annual actual revenue per year of the scope's cities (city rows only: county rows are a part of their city). */
  public static TreeMap<Integer, BigDecimal> revenueByYear(Dataset<Row> revenue, Dataset<Row> admdvs, ReportScope scope,
                                                          String insutype) {
    Dataset<Row> cities = admdvs.filter(col("admdvs_lv").equalTo(2)).select(col("admdvs"));
    Dataset<Row> d = inScope(revenue.filter(col("kind").equalTo("actual")).join(cities, "admdvs"), col("admdvs"), scope);
    if (insutype != null) {
      d = d.filter(col("insutype").equalTo(insutype));
    }
    TreeMap<Integer, BigDecimal> out = new TreeMap<>();
    for (Row r : d.groupBy("year").agg(Money.sum("revenue")).collectAsList()) {
      out.put(r.getInt(0), r.getDecimal(1));
    }
    return out;
  }

  /** The fund position at the end of {@code month}. */
  public record FundPosition(BigDecimal expenditureMonth, BigDecimal expenditurePrevMonth, BigDecimal expenditureLastYear,
                             BigDecimal expenditureYtd, BigDecimal expenditureYtdLastYear, BigDecimal revenueYtd,
                             BigDecimal balanceYtd, BigDecimal accumulatedBalance, BigDecimal averageMonthly,
                             BigDecimal reserveMonths) {}

  /** See the class comment for the readings. */
  public static FundPosition position(TreeMap<String, BigDecimal> expenditure, TreeMap<Integer, BigDecimal> revenue,
                                      YearMonth month) {
    BigDecimal m = get(expenditure, month);
    BigDecimal prev = get(expenditure, month.minusMonths(1));
    BigDecimal lastYear = get(expenditure, month.minusYears(1));
    BigDecimal ytd = BigDecimal.ZERO.setScale(2);
    BigDecimal ytdLast = BigDecimal.ZERO.setScale(2);
    for (int i = 1; i <= month.getMonthValue(); i++) {
      ytd = ytd.add(orZero(get(expenditure, YearMonth.of(month.getYear(), i))));
      ytdLast = ytdLast.add(orZero(get(expenditure, YearMonth.of(month.getYear() - 1, i))));
    }
    BigDecimal elapsed = BigDecimal.valueOf(month.getMonthValue());
    BigDecimal revenueYtd = revenue.containsKey(month.getYear())
        ? revenue.get(month.getYear()).multiply(elapsed).divide(BigDecimal.valueOf(12), 2, RoundingMode.HALF_UP) : null;
    BigDecimal accumulatedRevenue = revenueYtd == null ? null : revenueYtd;
    if (accumulatedRevenue != null) {
      for (Map.Entry<Integer, BigDecimal> e : revenue.headMap(month.getYear()).entrySet()) {
        accumulatedRevenue = accumulatedRevenue.add(e.getValue());
      }
    }
    BigDecimal spentToDate = expenditure.headMap(month.plusMonths(1).toString()).values().stream()
        .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    BigDecimal last12 = BigDecimal.ZERO.setScale(2);
    int months = 0;
    String first = expenditure.isEmpty() ? null : expenditure.firstKey();
    for (int i = 0; i < 12; i++) {
      YearMonth ym = month.minusMonths(i);
      if (first == null || ym.toString().compareTo(first) < 0) {
        break;
      }
      last12 = last12.add(orZero(get(expenditure, ym)));
      months++;
    }
    BigDecimal average = months == 0 ? null : last12.divide(BigDecimal.valueOf(months), 2, RoundingMode.HALF_UP);
    BigDecimal accumulated = accumulatedRevenue == null ? null : accumulatedRevenue.subtract(spentToDate);
    BigDecimal reserve = accumulated == null || average == null || average.signum() == 0 ? null
        : accumulated.divide(average, 2, RoundingMode.HALF_UP);
    return new FundPosition(m, prev, lastYear, ytd, ytdLast, revenueYtd,
        revenueYtd == null ? null : revenueYtd.subtract(ytd), accumulated, average, reserve);
  }

  /** {@code now / before − 1} (null without a base), rate scale 6 HALF_UP. */
  public static BigDecimal change(BigDecimal now, BigDecimal before) {
    if (now == null || before == null || before.signum() == 0) {
      return null;
    }
    return now.divide(before, 12, RoundingMode.HALF_UP).subtract(BigDecimal.ONE).setScale(6, RoundingMode.HALF_UP);
  }

  /** One budget line: execution = spent year-to-date / adopted budget; elapsed = months / 12. */
  public record Execution(String admdvs, String insutype, String category, BigDecimal budget, BigDecimal spent,
                          BigDecimal rate, BigDecimal elapsed) {
    public BigDecimal deviation() {
      return rate == null ? null : rate.subtract(elapsed);
    }
  }

  /**
   * Budget execution of {@code month}'s year against the adopted run's {@code ads.budget_city} rows, per city,
   * insutype and category (a category without a budget amount has no rate), plus one line per city and
   * insutype with category {@code all}.
   */
  public static List<Execution> budgetExecution(Dataset<Row> budgetCity, String runId, Dataset<Row> dws, ReportScope scope) {
    YearMonth month = scope.month();
    // ads.budget_city holds the province total too (region_level province): the report shows cities
    Dataset<Row> budget = inScope(budgetCity.filter(col("budget_run_id").equalTo(runId)
            .and(col("region_level").equalTo("city"))), col("admdvs"), scope)
        .select("admdvs", "insutype", "category", "budget_amt");
    Dataset<Row> spent = inScope(dws, col("insuplc_admdvs"), scope)
        .filter(col("setl_month").geq(YearMonth.of(month.getYear(), 1).toString()).and(col("setl_month").leq(month.toString())))
        .withColumn("admdvs", RegionColumns.cityOf(col("insuplc_admdvs")))
        .groupBy("admdvs", "insutype", "category").agg(Money.sum("hifp_pay"));
    BigDecimal elapsed = BigDecimal.valueOf(month.getMonthValue()).divide(BigDecimal.valueOf(12), 6, RoundingMode.HALF_UP);
    Map<String, Execution> out = new LinkedHashMap<>();
    Map<String, BigDecimal[]> totals = new TreeMap<>();
    for (Row r : budget.join(spent, new String[] {"admdvs", "insutype", "category"}, "left")
        .orderBy("admdvs", "insutype", "category").collectAsList()) {
      BigDecimal b = r.getAs("budget_amt");
      BigDecimal s = r.isNullAt(r.fieldIndex("hifp_pay")) ? BigDecimal.ZERO.setScale(2) : r.getAs("hifp_pay");
      String a = r.getAs("admdvs");
      String i = r.getAs("insutype");
      out.put(a + i + r.getAs("category"), new Execution(a, i, r.getAs("category"), b, s, rate(s, b), elapsed));
      if (b != null) {
        BigDecimal[] t = totals.computeIfAbsent(a + "|" + i, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        t[0] = t[0].add(b);
        t[1] = t[1].add(s);
      }
    }
    List<Execution> lines = new java.util.ArrayList<>(out.values());
    totals.forEach((k, t) -> lines.add(new Execution(k.split("\\|")[0], k.split("\\|")[1], "all", t[0], t[1],
        rate(t[1], t[0]), elapsed)));
    return lines;
  }

  private static BigDecimal rate(BigDecimal num, BigDecimal den) {
    return num == null || den == null || den.signum() == 0 ? null : num.divide(den, 6, RoundingMode.HALF_UP);
  }

  /** Rows of the scope: the province (everything) or one city (its own code and its counties). */
  public static Dataset<Row> inScope(Dataset<Row> df, Column admdvs, ReportScope scope) {
    return scope.level().equals("province") ? df : df.filter(RegionColumns.cityOf(admdvs).equalTo(lit(scope.entity())));
  }

  private static BigDecimal get(Map<String, BigDecimal> m, YearMonth ym) {
    return m.get(ym.toString());
  }

  private static BigDecimal orZero(BigDecimal d) {
    return d == null ? BigDecimal.ZERO : d;
  }
}
