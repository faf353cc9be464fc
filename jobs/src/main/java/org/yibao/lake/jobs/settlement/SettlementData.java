package org.yibao.lake.jobs.settlement;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import org.yibao.lake.common.money.Money;

/**
 * The small per-community and per-institution figures the settlement formulas take, gathered from the
 * lake with Spark and collected (a province has tens of communities and thousands of institutions), so
 * every formula runs once, in BigDecimal, in the class named after its rule.
 *
 * <p>A community's expenditure is the pooled fund ({@code hifp_pay}) of its county's insured
 * ({@code insuplc_admdvs}, POLICY.md §4), split into what member institutions spent and what others did.
 */
final class SettlementData {
  private SettlementData() {}

  /** An institution as it stands now (the latest {@code begndate} of {@code dim.medins}). */
  record Institution(String code, String admdvs, String hospLv, String medinsType, String medcommunityId) {}

  /** A community with its county and member institutions. */
  record Community(String id, String name, String admdvs, List<Institution> members) {
    boolean hasMemberOfType(Set<String> types) {
      return members.stream().anyMatch(m -> types.contains(m.medinsType()));
    }
  }

  /** Member and outside pooled-fund spending of a community's insured in one month. */
  record Spend(BigDecimal member, BigDecimal outside) {
    BigDecimal total() {
      return member.add(outside);
    }
  }

  static Map<String, Institution> institutions(Dataset<Row> medins) {
    List<Row> rows = medins.withColumn("_rk", functions.row_number()
            .over(Window.partitionBy("fixmedins_code").orderBy(col("begndate").desc())))
        .filter(col("_rk").equalTo(1))
        .select("fixmedins_code", "admdvs", "hosp_lv", "medins_type", "medcommunity_id").collectAsList();
    Map<String, Institution> out = new HashMap<>();
    for (Row r : rows) {
      String mc = r.getString(4);
      out.put(r.getString(0), new Institution(r.getString(0), r.getString(1), r.getString(2), r.getString(3),
          mc == null || mc.isBlank() ? null : mc));
    }
    return out;
  }

  static List<Community> communities(Dataset<Row> medcommunity, Map<String, Institution> institutions) {
    List<Community> out = new ArrayList<>();
    for (Row r : medcommunity.select("medcommunity_id", "medcommunity_name", "admdvs")
        .orderBy("medcommunity_id").collectAsList()) {
      String id = r.getString(0);
      List<Institution> members = institutions.values().stream().filter(i -> id.equals(i.medcommunityId()))
          .sorted(java.util.Comparator.comparing(Institution::code)).toList();
      out.add(new Community(id, r.getString(1), r.getString(2), members));
    }
    return out;
  }

  /** Community → month (1–12) → spend of year {@code year}, months without spending absent. */
  static Map<String, TreeMap<Integer, Spend>> monthlySpend(Dataset<Row> fundMonth, List<Community> communities,
      Map<String, Institution> institutions, int year) {
    Map<String, String> byCounty = new HashMap<>();
    communities.forEach(c -> byCounty.put(c.admdvs(), c.id()));
    List<Row> rows = fundMonth.filter(col("setl_year").equalTo(year)
            .and(col("insuplc_admdvs").isin(byCounty.keySet().toArray())))
        .groupBy("insuplc_admdvs", "setl_month", "fixmedins_code").agg(Money.sum("hifp_pay")).collectAsList();
    Map<String, TreeMap<Integer, Spend>> out = new LinkedHashMap<>();
    for (Row r : rows) {
      String id = byCounty.get(r.getString(0));
      int month = Integer.parseInt(r.getString(1).substring(5, 7));
      Institution i = institutions.get(r.getString(2));
      boolean member = i != null && id.equals(i.medcommunityId());
      BigDecimal amt = r.getDecimal(3);
      out.computeIfAbsent(id, k -> new TreeMap<>()).merge(month,
          member ? new Spend(amt, BigDecimal.ZERO) : new Spend(BigDecimal.ZERO, amt),
          (a, b) -> new Spend(a.member().add(b.member()), a.outside().add(b.outside())));
    }
    return out;
  }

  /** Key (first column, string) → decimal (second column) of a two-column frame. */
  static Map<String, BigDecimal> decimals(Dataset<Row> twoColumns) {
    Map<String, BigDecimal> out = new HashMap<>();
    for (Row r : twoColumns.collectAsList()) {
      out.put(r.getString(0), r.isNullAt(1) ? null : r.getDecimal(1));
    }
    return out;
  }

  static Dataset<Row> frame(SparkSession spark, String ddl, List<Row> rows) {
    return spark.createDataFrame(rows, StructType.fromDDL(ddl));
  }

  /** City|insutype → Σ {@code budget_amt} of an adopted run's {@code ads.budget_city} city rows of some categories. */
  static Map<String, BigDecimal> cityBudget(Dataset<Row> budgetCity, String budgetRunId,
      org.apache.spark.sql.Column categories) {
    return decimals(budgetCity.filter(col("budget_run_id").equalTo(budgetRunId).and(categories)
            .and(CapitationPointsJob.cityOf("admdvs").equalTo(col("admdvs")))
            .and(functions.not(col("admdvs").endsWith("0000"))))
        .groupBy(functions.concat_ws("|", col("admdvs"), col("insutype")).as("k")).agg(Money.sum("budget_amt")));
  }

  /** A policy parameter that is a list of strings. */
  static List<String> texts(org.yibao.lake.common.policy.Policy p, String key, int year, String region) {
    List<String> out = new ArrayList<>();
    p.node(key, year, region).forEach(n -> out.add(n.asText()));
    return List.copyOf(out);
  }

  /** The adopted package of each community. */
  static Map<String, BigDecimal> packages(Dataset<Row> budgetMedcommunity, String budgetRunId) {
    return decimals(budgetMedcommunity.filter(col("budget_run_id").equalTo(lit(budgetRunId)))
        .select(col("medcommunity_id"), col("package_amt").cast(Money.TYPE)));
  }
}
