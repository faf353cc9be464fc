package org.yibao.lake.jobs.indicator;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.yibao.lake.common.policy.Policy;
import org.yibao.lake.common.spark.Cols;
import org.yibao.lake.common.policy.indicator.LengthOfStay;
import org.yibao.lake.common.policy.indicator.Readmission;
import org.yibao.lake.jobs.flow.CommunityTiers;
import org.yibao.lake.jobs.flow.RegionColumns;

/**
 * The numerator and denominator contributions of every indicator of docs/policy.md §9, as {@link Fact} rows.
 * Attribution: region levels count the insured place ({@code insuplc_admdvs}) except the institution-side
 * special-case ratio (place of treatment, in-province only); institution and medical-community levels
 * count the institution of treatment (its community from {@code dim.medins}); the in-county rate, signing
 * and two-disease counts and the lead-hospital shares count a community for the county it serves.
 */
final class IndicatorFacts {
  static final String SELF_PAY = "self_pay_rate";
  static final String PERSONAL_BURDEN = "personal_burden_rate";
  static final String POLICY_SCOPE = "policy_scope_reimbursement_rate";
  static final String COST_GROWTH = "cost_growth_rate";
  static final String PER_CASE_COST = "inpatient_cost_per_case";
  static final String LENGTH_OF_STAY = "average_length_of_stay";
  static final String IN_COUNTY = "in_county_inpatient_rate";
  static final String IN_COUNTY_CHANGE = "in_county_inpatient_rate_change";
  static final String ADMISSION = "admission_rate";
  static final String SPECIAL_DRG = "special_case_ratio_drg";
  static final String SPECIAL_DIP = "special_case_ratio_dip";
  static final String BED_DAYS = "bed_days_over_agreement";
  static final String SIGNING = "family_doctor_signing_rate";
  static final String TWO_DISEASE_REGISTERED = "two_disease_registered";
  static final String TWO_DISEASE_SIGNED = "two_disease_signed_rate";
  static final String LEAD_SHARE = "lead_hospital_share";
  static final String LEAD_SHARE_CHANGE = "lead_hospital_share_change";
  static final String UPWARD_SHARE = "upward_share";
  static final String[] READMISSION_VARIANTS = {"any", "same_medins", "same_diagnosis"};

  static String readmissionId(int windowDays, String variant) {
    return "readmission_" + windowDays + "d_" + variant;
  }

  private final Policy policy;
  private final Set<Integer> years;
  private final LocalDate lastDataDate;
  private final Dataset<Row> setl;
  private final Dataset<Row> medinsCommunity;

  /**
   * @param setl valid settlements with the institution's {@code medcommunity_id}
   * @param years the settlement years in the data (policy values are looked up for each)
   */
  IndicatorFacts(Policy policy, Set<Integer> years, LocalDate lastDataDate, Dataset<Row> setl,
                 Dataset<Row> medinsCommunity) {
    this.policy = policy;
    this.years = years;
    this.lastDataDate = lastDataDate;
    this.setl = setl;
    this.medinsCommunity = medinsCommunity;
  }

  private Dataset<Row> byInsured(Dataset<Row> df) {
    return Fact.base(df, col("setl_date"), col("insuplc_admdvs"), col("medcommunity_id"), col("fixmedins_code"),
        col("psn_no"));
  }

  private Dataset<Row> inpatient() {
    return setl.filter(col("med_class").equalTo("inpatient"));
  }

  /** Self-pay, personal burden, policy-scope reimbursement, per-case cost, length of stay, special cases. */
  List<Dataset<Row>> settlementRatios() {
    Column overlmt = perYear(y -> policy.bool("indicator.self_pay_rate.include_overlmt_selfpay", y, "*")
        ? col("overlmt_selfpay") : lit(BigDecimal.ZERO));
    Dataset<Row> all = byInsured(setl);
    Dataset<Row> in = byInsured(inpatient());
    Column inProvince = RegionColumns.provinceOf(col("mdtrtarea_admdvs"))
        .equalTo(RegionColumns.provinceOf(col("insuplc_admdvs")));
    Dataset<Row> treated = Fact.base(inpatient(), col("setl_date"), when(inProvince, col("mdtrtarea_admdvs")),
        col("medcommunity_id"), col("fixmedins_code"), col("psn_no"));
    Column special = when(col("special_case_flag").equalTo(1), 1).otherwise(0);
    return List.of(
        Fact.of(all, SELF_PAY, col("fulamt_ownpay_amt").plus(functions.coalesce(overlmt, lit(BigDecimal.ZERO))),
            col("medfee_sumamt")),
        Fact.of(all, PERSONAL_BURDEN, col("acct_pay").plus(col("psn_cash_pay")), col("medfee_sumamt")),
        Fact.of(all, POLICY_SCOPE, col("hifp_pay"), col("inscp_scp_amt")),
        Fact.of(in, PER_CASE_COST, col("medfee_sumamt"), lit(1)),
        Fact.of(in, LENGTH_OF_STAY, LengthOfStay.bedDays(col("begndate"), col("enddate")), lit(1)),
        Fact.of(treated.filter(col("pay_method").equalTo("DRG")), SPECIAL_DRG, special, lit(1)),
        Fact.of(treated.filter(col("pay_method").equalTo("DIP")), SPECIAL_DIP, special, lit(1)));
  }

  /**
   * medfee_sumamt of the period over that of the same period a year earlier, for the insured place. A
   * period the data has not finished (the year to date, the last month) is compared with the same days a
   * year earlier: last year's settlements count only up to the anniversary of the last data date.
   */
  List<Dataset<Row>> costGrowth() {
    Dataset<Row> cur = Fact.base(setl, col("setl_date"), col("insuplc_admdvs"), Fact.none(), Fact.none(),
        col("psn_no"));
    Dataset<Row> prev = Fact.base(sameDaysLastYear(setl), functions.add_months(col("setl_date"), 12),
        col("insuplc_admdvs"), Fact.none(), Fact.none(), Fact.none());
    return List.of(Fact.of(cur, COST_GROWTH, col("medfee_sumamt"), lit(0)),
        Fact.of(prev, COST_GROWTH, lit(0), col("medfee_sumamt")));
  }

  /** Settlements whose date one year on is inside the data: the comparable part of last year (docs/monitoring.md). */
  Dataset<Row> sameDaysLastYear(Dataset<Row> df) {
    return df.filter(functions.add_months(col("setl_date"), 12).leq(lit(Date.valueOf(lastDataDate))));
  }

  /** Inpatient settlements of a county's insured treated in the county; a community counts its county. */
  List<Dataset<Row>> inCounty(Dataset<Row> medcommunity) {
    Column num = when(col("mdtrtarea_admdvs").equalTo(col("insuplc_admdvs")), 1).otherwise(0);
    Dataset<Row> regions = Fact.base(inpatient(), col("setl_date"), col("insuplc_admdvs"), Fact.none(), Fact.none(),
        col("psn_no"));
    Dataset<Row> communities = Fact.base(inpatient().drop("medcommunity_id").join(countyCommunity(medcommunity),
        col("insuplc_admdvs").equalTo(col("_county"))), col("setl_date"), Fact.none(), col("_comm"), Fact.none(),
        col("psn_no"));
    return List.of(Fact.of(regions, IN_COUNTY, num, lit(1)), Fact.of(communities, IN_COUNTY, num, lit(1)));
  }

  /**
   * Inpatient admissions per insured person-year. A month's exposure is the year's person-years ×
   * days of the month / days of the year, so month values are annualised like year values. The year the
   * data ends in counts its exposure to the last data date (person-years × elapsed days / days of the
   * year), so admissions to date are not divided by a whole year's exposure.
   */
  List<Dataset<Row>> admissionRate(Dataset<Row> personYears) {
    Dataset<Row> admissions = Fact.base(inpatient(), col("setl_date"), col("insuplc_admdvs"), Fact.none(),
        Fact.none(), Fact.none());
    Column yStart = functions.make_date(col("year"), lit(1), lit(1));
    Column daysInYear = functions.datediff(functions.make_date(col("year"), lit(12), lit(31)), yStart).plus(1);
    Dataset<Row> py = personYears.withColumnRenamed("psn_cnt", "_psn");
    Dataset<Row> months = py
        .withColumn("_m", functions.explode(functions.sequence(lit(0), lit(11))))
        .withColumn("_date", functions.add_months(yStart, col("_m")))
        .withColumn("_exposure", col("person_years").cast(Fact.AMOUNT)
            .multiply(functions.datediff(functions.add_months(col("_date"), 1), col("_date")))
            .divide(daysInYear).cast(Fact.AMOUNT));
    Dataset<Row> monthRows = Fact.base(months, col("_date"), col("insuplc_admdvs"), Fact.none(), Fact.none(),
        Fact.none()).withColumn("scope", lit("month")).withColumn("psn_cnt", col("_psn").cast("long"));
    Column last = lit(Date.valueOf(lastDataDate));
    Column elapsed = functions.datediff(functions.least(functions.make_date(col("year"), lit(12), lit(31)), last),
        yStart).plus(1);
    Dataset<Row> toDate = py.filter(yStart.leq(last))
        .withColumn("_exposure", when(elapsed.geq(daysInYear), col("person_years").cast(Fact.AMOUNT))
            .otherwise(col("person_years").cast(Fact.AMOUNT).multiply(elapsed).divide(daysInYear).cast(Fact.AMOUNT)));
    Dataset<Row> yearRows = Fact.base(toDate, yStart, col("insuplc_admdvs"), Fact.none(), Fact.none(), Fact.none())
        .withColumn("scope", lit("year")).withColumn("psn_cnt", col("_psn").cast("long"));
    return List.of(Fact.of(admissions, ADMISSION, lit(1), lit(0)),
        Fact.of(monthRows, ADMISSION, lit(0), col("_exposure")),
        Fact.of(yearRows, ADMISSION, lit(0), col("_exposure")));
  }

  /**
   * Every readmission window and variant ({@link Readmission}); index stays count in their discharge's
   * settlement period. Window, settlement lag and planned-admission codes are looked up for the index's year.
   */
  List<Dataset<Row>> readmissions() {
    record Rule(int window, int lag, List<String> planned) {}
    java.util.Map<Rule, List<Integer>> yearsByRule = new java.util.LinkedHashMap<>();
    for (int y : years) {
      int lag = policy.integer("indicator.readmission.settlement_lag_days", y, "*");
      List<String> planned = new ArrayList<>();
      policy.node("indicator.readmission.planned_dise_prefixes", y, "*").forEach(n -> planned.add(n.asText()));
      for (BigDecimal w : policy.decimals("indicator.readmission.windows_days", y, "*")) {
        yearsByRule.computeIfAbsent(new Rule(w.intValueExact(), lag, List.copyOf(planned)), k -> new ArrayList<>())
            .add(y);
      }
    }
    Dataset<Row> episodes = Readmission.episodes(inpatient().select("setl_id", "psn_no", "insutype",
        "insuplc_admdvs", "fixmedins_code", "begndate", "enddate", "setl_date", "dise_codg"));
    TreeMap<Integer, List<Dataset<Row>>> byWindow = new TreeMap<>();
    yearsByRule.forEach((rule, ys) -> byWindow.computeIfAbsent(rule.window(), k -> new ArrayList<>()).add(
        Readmission.indexStays(episodes, rule.window(), rule.lag(), rule.planned(), lastDataDate)
            .filter(functions.year(col("setl_date")).isin(ys.toArray()))));
    List<Dataset<Row>> out = new ArrayList<>();
    byWindow.forEach((window, parts) -> {
      Dataset<Row> index = parts.stream().reduce(Dataset::unionByName).orElseThrow()
          .join(medinsCommunity, "fixmedins_code");
      Dataset<Row> base = Fact.base(index, col("setl_date"), col("insuplc_admdvs"), col("medcommunity_id"),
          col("fixmedins_code"), col("psn_no"));
      for (String variant : READMISSION_VARIANTS) {
        out.add(Fact.of(base, readmissionId(window, variant),
            when(col("is_readmit_" + variant), 1).otherwise(0), lit(1)));
      }
    });
    return out;
  }

  /**
   * Bed-days of inpatient stays (by settlement date) against the agreed maximum: the adopted {@code agreement}
   * ({@code budget_year, fixmedins_code, max_bed_days}) when it has the institution and year, else approved beds ×
   * days × {@code budget.bed_day.max_occupancy}, the rule the agreement is compiled by.
   */
  List<Dataset<Row>> bedDays(Dataset<Row> medins, Dataset<Row> agreement) {
    Dataset<Row> stays = Fact.base(inpatient(), col("setl_date"), Fact.none(), Fact.none(), col("fixmedins_code"),
        col("psn_no")).withColumn("insutype", lit("all"));
    Dataset<Row> active = inpatient().select(col("fixmedins_code"),
        functions.trunc(col("setl_date"), "month").as("_month")).distinct()
        .withColumn("_y", functions.year(col("_month")));
    Column daysInYear = functions.datediff(functions.make_date(col("_y"), lit(12), lit(31)),
        functions.make_date(col("_y"), lit(1), lit(1))).plus(1);
    Dataset<Row> activeYears = active.select("fixmedins_code", "_y").distinct();
    // one definition with the year-end deduction: the adopted agreement's max_bed_days where there is one, else
    // the same rule beds × days × budget.bed_day.max_occupancy (BedDayAgreement, docs/policy.md §3)
    Dataset<Row> ruleMax = activeYears.join(RegionColumns.latestMedins(medins).select("fixmedins_code", "aprv_bed_cnt"),
            "fixmedins_code")
        .withColumn("_rule_max", functions.round(col("aprv_bed_cnt").cast(Fact.AMOUNT).multiply(daysInYear)
            .multiply(perYearOf(col("_y"), y -> lit(policy.decimal("budget.bed_day.max_occupancy", y, "*")))), 2)
            .cast(Fact.AMOUNT));
    Dataset<Row> yearMax = agreement == null ? ruleMax.withColumnRenamed("_rule_max", "_year_max")
        : ruleMax.join(agreement.select(col("fixmedins_code"), col("budget_year").as("_y"),
                col("max_bed_days").cast(Fact.AMOUNT).as("_agreed_max")), Cols.seq("fixmedins_code", "_y"), "left")
            .withColumn("_year_max", functions.coalesce(col("_agreed_max"), col("_rule_max")));
    Dataset<Row> monthMax = active.join(yearMax.select("fixmedins_code", "_y", "_year_max"),
            Cols.seq("fixmedins_code", "_y"))
        .withColumn("_month_max", col("_year_max")
            .multiply(functions.datediff(functions.add_months(col("_month"), 1), col("_month")))
            .divide(daysInYear).cast(Fact.AMOUNT));
    Dataset<Row> monthRows = Fact.base(monthMax, col("_month"), Fact.none(), Fact.none(), col("fixmedins_code"),
        Fact.none()).withColumn("scope", lit("month")).withColumn("insutype", lit("all"));
    Dataset<Row> yearRows = Fact.base(yearMax, functions.make_date(col("_y"), lit(1), lit(1)), Fact.none(),
        Fact.none(), col("fixmedins_code"), Fact.none()).withColumn("scope", lit("year")).withColumn("insutype", lit("all"));
    return List.of(Fact.of(stays, BED_DAYS, LengthOfStay.bedDays(col("begndate"), col("enddate")), lit(0)),
        Fact.of(monthRows, BED_DAYS, lit(0), col("_month_max")),
        Fact.of(yearRows, BED_DAYS, lit(0), col("_year_max")));
  }

  /** Lead-hospital share and upward share (lead hospital and outside the county) of a community's insured. */
  List<Dataset<Row>> communityShares(Dataset<Row> medins, Dataset<Row> medcommunity) {
    Dataset<Row> stays = CommunityTiers.stays(setl.drop("medcommunity_id"), medins, medcommunity);
    Dataset<Row> base = Fact.base(stays, col("setl_date"), Fact.none(), col("medcommunity_id"), Fact.none(),
        col("psn_no"));
    return List.of(Fact.of(base, LEAD_SHARE, when(col("is_lead"), 1).otherwise(0), lit(1)),
        Fact.of(base, UPWARD_SHARE, when(col("is_lead").or(col("tier").equalTo("above_county")), 1).otherwise(0),
            lit(1)));
  }

  /**
   * Stocks at the end of each period: insured persons signed with a family doctor, two-disease
   * (两病) registrations, and those of them signed. {@code periodEnds} holds {@code _end} (date) and
   * {@code _scope} (month or year).
   */
  List<Dataset<Row>> signing(Dataset<Row> insu, Dataset<Row> fdSign, Dataset<Row> chronic, Dataset<Row> medcommunity,
                             Dataset<Row> periodEnds) {
    Dataset<Row> insured = covering(insu, periodEnds).select("psn_no", "insutype", "insuplc_admdvs", "_end", "_scope");
    Dataset<Row> signed = covering(fdSign, periodEnds).select("psn_no", "_end").distinct()
        .withColumn("_signed", lit(true));
    Column diseTypes = perYearOf(functions.year(col("_end")), y -> {
      List<String> types = new ArrayList<>();
      for (JsonNode n : policy.node("indicator.two_disease.dise_types", y, "*")) {
        types.add(n.asText());
      }
      return col("dise_type").isin(types.toArray());
    });
    Dataset<Row> registered = covering(chronic, periodEnds).filter(functions.coalesce(diseTypes, lit(false)))
        .select("psn_no", "_end").distinct().withColumn("_registered", lit(true));
    Dataset<Row> stock = insured.join(signed, Cols.seq("psn_no", "_end"), "left")
        .join(registered, Cols.seq("psn_no", "_end"), "left")
        .join(countyCommunity(medcommunity), col("insuplc_admdvs").equalTo(col("_county")), "left");
    Column isSigned = when(col("_signed").isNotNull(), 1).otherwise(0);
    List<Dataset<Row>> out = new ArrayList<>();
    for (boolean community : new boolean[] {false, true}) {
      Dataset<Row> base = Fact.base(community ? stock.filter(col("_comm").isNotNull()) : stock, col("_end"),
              community ? Fact.none() : col("insuplc_admdvs"), community ? col("_comm") : Fact.none(), Fact.none(),
              col("psn_no"))
          .withColumn("scope", col("_scope"));
      Dataset<Row> reg = base.filter(col("_registered").isNotNull());
      out.add(Fact.of(base, SIGNING, isSigned, lit(1)));
      out.add(Fact.of(reg, TWO_DISEASE_REGISTERED, lit(1), lit(null)));
      out.add(Fact.of(reg, TWO_DISEASE_SIGNED, isSigned, lit(1)));
    }
    return out;
  }

  /** Spells ({@code begndate}, {@code enddate} open when null) covering each period end. */
  private static Dataset<Row> covering(Dataset<Row> spells, Dataset<Row> periodEnds) {
    return spells.crossJoin(periodEnds).filter(col("begndate").leq(col("_end"))
        .and(col("enddate").isNull().or(col("enddate").geq(col("_end")))));
  }

  /** The medical community serving each county ({@code _county}, {@code _comm}). */
  private static Dataset<Row> countyCommunity(Dataset<Row> medcommunity) {
    return medcommunity.select(col("admdvs").as("_county"), col("medcommunity_id").as("_comm"));
  }

  private Column perYear(java.util.function.IntFunction<Column> value) {
    return perYearOf(col("setl_year"), value);
  }

  /** A value looked up per data year: {@code CASE year WHEN y1 THEN v1 …} (null for other years). */
  private Column perYearOf(Column year, java.util.function.IntFunction<Column> value) {
    Column c = null;
    for (int y : new TreeSet<>(years)) {
      Column v = value.apply(y);
      c = c == null ? when(year.equalTo(y), v) : c.when(year.equalTo(y), v);
    }
    return c == null ? lit(null) : c;
  }

  /** Period ends of the data: each month's last day, each year's last day (or the last data date). */
  static Dataset<Row> periodEnds(Dataset<Row> setl, LocalDate lastDataDate) {
    Dataset<Row> months = setl.select(functions.last_day(col("setl_date")).as("_end")).distinct()
        .withColumn("_scope", lit("month"));
    Dataset<Row> yearEnds = setl.select(functions.least(functions.make_date(col("setl_year"), lit(12), lit(31)),
        lit(Date.valueOf(lastDataDate))).as("_end")).distinct().withColumn("_scope", lit("year"));
    return months.unionByName(yearEnds);
  }
}
