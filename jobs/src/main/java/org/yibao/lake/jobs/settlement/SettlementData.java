package org.yibao.lake.jobs.settlement;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
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
 * <p>Scope of a community (docs/policy.md §4, §7): the pooled fund ({@code hifp_pay}) of its county's
 * insured ({@code insuplc_admdvs}), split by where it was spent — at the community's own members (less
 * their DIP part, settled under DIP, GY-2025 三(十)), at in-county institutions that are no member of an
 * in-scheme community of the county, and outside the county. Membership is that of {@code dim.medins}
 * dated to the year settled ({@link #institutions(Dataset, int)}); a community whose
 * {@code scheme_begn_year} is later than the year is not in the scheme that year and its institutions are
 * ordinary institutions.
 */
final class SettlementData {
  private SettlementData() {}

  /** An institution as recorded for a year (or now), with its community that year (null: none). */
  record Institution(String code, String admdvs, String hospLv, String medinsType, String medcommunityId) {}

  /** A community with its county, first scheme year (null: always) and member institutions. */
  record Community(String id, String name, String admdvs, Integer schemeBegnYear, List<Institution> members) {
    boolean hasMemberOfType(Set<String> types) {
      return members.stream().anyMatch(m -> types.contains(m.medinsType()));
    }
  }

  /** A community's members' pooled-fund spending on its county's insured in one month: the DIP part apart. */
  record Spend(BigDecimal member, BigDecimal memberDip) {
    static final Spend ZERO = new Spend(BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2));

    Spend plus(Spend o) {
      return new Spend(member.add(o.member), memberDip.add(o.memberDip));
    }
  }

  /** A county's insured's spending of a year outside its communities' members: in the county, and outside it. */
  record CountySpend(BigDecimal nonMember, BigDecimal outside) {
    static final CountySpend ZERO = new CountySpend(BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2));

    CountySpend plus(CountySpend o) {
      return new CountySpend(nonMember.add(o.nonMember), outside.add(o.outside));
    }
  }

  /** The spending of the in-scheme communities of a year, and of their counties' insured elsewhere. */
  record Spending(Map<String, TreeMap<Integer, Spend>> byCommunity, Map<String, CountySpend> byCounty,
      BigDecimal countyTotal) {
    TreeMap<Integer, Spend> months(String communityId) {
      return byCommunity.getOrDefault(communityId, new TreeMap<>());
    }

    Spend year(String communityId) {
      return months(communityId).values().stream().reduce(Spend.ZERO, Spend::plus);
    }

    CountySpend county(String admdvs) {
      return byCounty.getOrDefault(admdvs, CountySpend.ZERO);
    }
  }

  /** Every institution as it stands now (the latest {@code begndate} of {@code dim.medins}). */
  static Map<String, Institution> institutions(Dataset<Row> medins) {
    return latest(medins);
  }

  /**
   * Every institution as recorded for year {@code year}: of its {@code dim.medins} records valid some day of
   * the year, the latest (membership and type at the year's end, or at closing when it closed in the year).
   */
  static Map<String, Institution> institutions(Dataset<Row> medins, int year) {
    Column starts = col("begndate").isNull().or(col("begndate").leq(lit(Date.valueOf(LocalDate.of(year, 12, 31)))));
    Column ends = col("enddate").isNull().or(col("enddate").geq(lit(Date.valueOf(LocalDate.of(year, 1, 1)))));
    return latest(java.util.Arrays.asList(medins.columns()).contains("enddate")
        ? medins.filter(starts.and(ends)) : medins.filter(starts));
  }

  private static Map<String, Institution> latest(Dataset<Row> medins) {
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

  /** Every community of {@code dim.medcommunity}, with members as given. */
  static List<Community> communities(Dataset<Row> medcommunity, Map<String, Institution> institutions) {
    boolean hasStart = java.util.Arrays.asList(medcommunity.columns()).contains("scheme_begn_year");
    List<Community> out = new ArrayList<>();
    for (Row r : medcommunity.select(col("medcommunity_id"), col("medcommunity_name"), col("admdvs"),
            hasStart ? col("scheme_begn_year").cast("int") : lit(null).cast("int"))
        .orderBy("medcommunity_id").collectAsList()) {
      String id = r.getString(0);
      List<Institution> members = institutions.values().stream().filter(i -> id.equals(i.medcommunityId()))
          .sorted(java.util.Comparator.comparing(Institution::code)).toList();
      out.add(new Community(id, r.getString(1), r.getString(2), r.isNullAt(3) ? null : r.getInt(3), members));
    }
    return out;
  }

  /**
   * The communities in the scheme in {@code year} ({@code scheme_begn_year} absent or ≤ year, docs/policy.md
   * §4), with their members of that year; the others stay under the ordinary rules.
   */
  static List<Community> inScheme(Dataset<Row> medcommunity, Map<String, Institution> institutionsOfYear, int year) {
    return communities(medcommunity, institutionsOfYear).stream()
        .filter(c -> c.schemeBegnYear() == null || c.schemeBegnYear() <= year).toList();
  }

  /**
   * The spending of year {@code year} of the in-scheme communities' counties' insured: per community and
   * month at its members (the DIP part, category {@code dipCategory}, apart; null = no DIP part), per county
   * at non-members in the county and outside it. Members are those of {@code communities} (dated to the year).
   */
  static Spending spending(Dataset<Row> fundMonth, List<Community> communities, int year, String dipCategory) {
    Map<String, String> communityOf = new HashMap<>();
    Set<String> counties = new java.util.TreeSet<>();
    for (Community c : communities) {
      counties.add(c.admdvs());
      c.members().forEach(m -> communityOf.put(m.code(), c.id()));
    }
    Map<String, TreeMap<Integer, Spend>> byCommunity = new LinkedHashMap<>();
    Map<String, CountySpend> byCounty = new TreeMap<>();
    BigDecimal total = BigDecimal.ZERO.setScale(2);
    if (counties.isEmpty()) {
      return new Spending(byCommunity, byCounty, total);
    }
    List<Row> rows = fundMonth.filter(col("setl_year").equalTo(year).and(col("insuplc_admdvs").isin(counties.toArray())))
        .groupBy("insuplc_admdvs", "mdtrtarea_admdvs", "setl_month", "fixmedins_code", "category")
        .agg(Money.sum("hifp_pay")).collectAsList();
    Map<String, String> countyOfCommunity = new HashMap<>();
    communities.forEach(c -> countyOfCommunity.put(c.id(), c.admdvs()));
    for (Row r : rows) {
      String county = r.getString(0);
      int month = Integer.parseInt(r.getString(2).substring(5, 7));
      String id = communityOf.get(r.getString(3));
      BigDecimal amt = r.getDecimal(5);
      total = total.add(amt);
      if (id != null && county.equals(countyOfCommunity.get(id))) {
        boolean dip = dipCategory != null && dipCategory.equals(r.getString(4));
        byCommunity.computeIfAbsent(id, k -> new TreeMap<>()).merge(month,
            dip ? new Spend(BigDecimal.ZERO.setScale(2), amt) : new Spend(amt, BigDecimal.ZERO.setScale(2)), Spend::plus);
      } else {
        boolean inCounty = county.equals(r.getString(1));
        byCounty.merge(county, inCounty ? new CountySpend(amt, BigDecimal.ZERO.setScale(2))
            : new CountySpend(BigDecimal.ZERO.setScale(2), amt), CountySpend::plus);
      }
    }
    return new Spending(byCommunity, byCounty, total);
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
