package org.yibao.lake.jobs.settlement;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.yibao.lake.common.config.ConfigException;
import org.yibao.lake.common.job.Inputs;
import org.yibao.lake.common.job.Job;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.JobSpec;
import org.yibao.lake.common.money.Money;
import org.yibao.lake.common.policy.Policy;
import org.yibao.lake.common.policy.budget.MedCommunityPackage;
import org.yibao.lake.common.policy.settlement.Band;
import org.yibao.lake.common.policy.settlement.BandedShare;
import org.yibao.lake.common.policy.settlement.BedDayDeduction;
import org.yibao.lake.common.policy.settlement.ScoreFactor;
import org.yibao.lake.common.policy.settlement.YearEndSettlement;
import org.yibao.lake.common.table.Tables;

/**
 * {@code ads.settlement_year_end}: the year-end settlement (年终清算) of each medical community,
 * docs/policy.md §7 ({@link YearEndSettlement}) with the bed-day deduction of §3 ({@link BedDayDeduction}).
 * B is the package of the adopted budget run; A the pooled fund of the county's insured in the year;
 * the score is this run's {@code ads.performance_score}; monthly paid and the withheld deposit are the
 * latest recorded monthly run of each month, the prepayment offset the latest prepayment run of the year
 * (none recorded: 0, and {@code months_settled_cnt} says so); manual figures come from
 * {@link SettlementInputs}. Sign: {@code final_payment_amt > 0} the fund pays the community.
 */
public final class SettlementYearEndJob implements Job {
  static final String BANDS = "ARRAY<STRUCT<up_to: DECIMAL(9,6), rate: DECIMAL(9,6), band_amt: DECIMAL(18,2), "
      + "share_amt: DECIMAL(18,2)>>";
  static final String DDL = "settlement_run_id STRING, settle_year INT, medcommunity_id STRING, admdvs STRING, "
      + "budget_run_id STRING, budget_amt DECIMAL(18,2), actual_amt DECIMAL(18,2), member_actual_amt DECIMAL(18,2), "
      + "outside_paid_amt DECIMAL(18,2), surplus_amt DECIMAL(18,2), overspend_amt DECIMAL(18,2), surplus_bands "
      + BANDS + ", surplus_banded_amt DECIMAL(18,2), retained_amt DECIMAL(18,2), overspend_bands " + BANDS
      + ", overspend_banded_amt DECIMAL(18,2), adjustment_fund_amt DECIMAL(18,2), is_overspend_capped BOOLEAN, "
      + "fund_overspend_share_amt DECIMAL(18,2), settled_amt DECIMAL(18,2), total_score DECIMAL(9,2), "
      + "score_factor_rate DECIMAL(9,6), risk_fund_amt DECIMAL(18,2), risk_fund_paid_amt DECIMAL(18,2), "
      + "deposit_withheld_amt DECIMAL(18,2), deposit_returned_amt DECIMAL(18,2), monthly_paid_amt DECIMAL(18,2), "
      + "months_settled_cnt INT, prepay_offset_amt DECIMAL(18,2), bed_day_deduction_amt DECIMAL(18,2), "
      + "other_deductions_amt DECIMAL(18,2), final_payment_amt DECIMAL(18,2), method STRING, "
      + "member_dip_amt DECIMAL(18,2), in_county_non_member_amt DECIMAL(18,2), out_of_county_amt DECIMAL(18,2), "
      + "county_share_rate DECIMAL(9,6), monthly_net_paid_amt DECIMAL(18,2), deposit_forfeited_amt DECIMAL(18,2), "
      + "entitlement_amt DECIMAL(18,2), total_received_amt DECIMAL(18,2)";
  private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

  private final SettlementInputs inputs;

  public SettlementYearEndJob(SettlementInputs inputs) {
    this.inputs = inputs;
  }

  @Override
  public JobSpec spec() {
    return JobSpec.of(Tables.ADS_SETTLEMENT_YEAR_END)
        .inputs(Tables.DWS_FUND_EXPENDITURE_MONTH, Tables.DIM_MEDCOMMUNITY, Tables.DIM_MEDINS, Tables.ADS_BUDGET_RUN,
            Tables.ADS_BUDGET_MEDCOMMUNITY, Tables.ADS_PERFORMANCE_SCORE)
        .optionalInputs(Tables.ADS_SETTLEMENT_MONTHLY, Tables.ADS_SETTLEMENT_PREPAY, Tables.ADS_SETTLEMENT_RUN,
            Tables.ADS_BED_DAY_AGREEMENT)
        .grain("settlement_run_id", "medcommunity_id").keyedByRun("settlement_run_id")
        .doc("docs/policy.md §7 year-end settlement, §3 bed-day deduction; GY-2025 三(八)(十), GD-2019 附件1 二.2")
        .build();
  }

  @Override
  public Dataset<Row> transform(JobContext ctx, Inputs in) {
    int year = Settle.year(ctx);
    Policy p = ctx.policy();
    String budgetRun = AdoptedBudget.runId(in.get(Tables.ADS_BUDGET_RUN), year);
    Map<String, Row> budgets = budgetRows(in.get(Tables.ADS_BUDGET_MEDCOMMUNITY), budgetRun);
    var institutions = SettlementData.institutions(in.get(Tables.DIM_MEDINS), year);
    var communities = SettlementData.inScheme(in.get(Tables.DIM_MEDCOMMUNITY), institutions, year);
    Dataset<Row> fund = in.get(Tables.DWS_FUND_EXPENDITURE_MONTH);
    SettlementData.Spending spend = SettlementData.spending(fund, communities, year,
        p.string("settlement.dip.category", year, "*"));
    Map<String, BigDecimal> scores = SettlementData.decimals(in.get(Tables.ADS_PERFORMANCE_SCORE)
        .filter(col("settlement_run_id").equalTo(ctx.runId())).select("medcommunity_id", "total_score").distinct());
    Map<String, Row> monthly = latestMonthly(in, year);
    Map<String, BigDecimal> prepay = latestPrepay(in, year);
    Map<String, BigDecimal> bedDay = bedDayDeductions(in, fund, budgetRun, year, institutions, p);
    Map<String, BigDecimal[]> countyParts = countyParts(communities, budgets, budgetRun, spend);

    List<Row> rows = new ArrayList<>();
    for (SettlementData.Community c : communities) {
      String r = c.admdvs();
      Row budget = budgets.get(c.id());
      BigDecimal b = budget.getDecimal(budget.fieldIndex("package_amt"));
      String method = budget.getString(budget.fieldIndex("method"));
      BigDecimal score = Optional.ofNullable(scores.get(c.id())).orElseThrow(() -> new IllegalStateException(
          "no performance score of " + c.id() + " in settlement run " + ctx.runId() + " (run the score job first)"));
      SettlementData.Spend own = spend.year(c.id());
      BigDecimal[] parts = countyParts.get(c.id());
      BigDecimal nonMember = parts[0];
      BigDecimal outOfCounty = parts[1];
      // the package's scope (docs/policy.md §4): chain_growth leaves in-county non-members out of budget and actual;
      // revenue_share covers them. Members' DIP part is out of both (settled under DIP, GY-2025 三(十)).
      boolean nonMembersInScope = org.yibao.lake.jobs.budget.BudgetMedcommunityJob.REVENUE_SHARE.equals(method);
      BigDecimal outside = nonMembersInScope ? nonMember.add(outOfCounty) : outOfCounty;
      BigDecimal actual = own.member().add(outside);
      SettlementInputs.Community manual = inputs.community(c.id());
      boolean capByFund = "adjustment_fund".equals(p.string("settlement.year_end.overspend_cap", year, r));
      if (capByFund && manual.adjustmentFund() == null) {
        throw new ConfigException("community " + c.id() + " caps its overspend share by the adjustment fund, but "
            + inputs.source() + " gives no adjustment_fund for it");
      }
      BigDecimal factor = ScoreFactor.of(score, p.decimal("settlement.score_factor.floor", year, r),
          p.decimal("settlement.score_factor.cap", year, r));
      Row m = monthly.get(c.id());
      BigDecimal monthlyNet = m == null ? ZERO : m.getDecimal(1);
      BigDecimal withheld = m == null ? ZERO : m.getDecimal(2);
      int monthsSettled = m == null ? 0 : (int) m.getLong(3);
      BigDecimal monthlyGross = m == null ? ZERO : m.getDecimal(4);
      BigDecimal prepaid = prepay.getOrDefault(c.id(), ZERO);
      BigDecimal other = Money.scale(Optional.ofNullable(manual.otherDeductions()).orElse(ZERO));
      YearEndSettlement.Result res = YearEndSettlement.of(new YearEndSettlement.Input(b, actual, outside,
          monthlyGross, prepaid, withheld, bedDay.getOrDefault(c.id(), ZERO), other,
          capByFund ? manual.adjustmentFund() : null, manual.riskFund(), factor,
          bands(p, "settlement.year_end.surplus_bands", year, r), bands(p, "settlement.year_end.overspend_bands", year, r)));
      BigDecimal received = YearEndSettlement.received(prepaid, monthlyGross, withheld, res.finalPaymentAmt());
      Conservation.receivedIsEntitlementLessForfeit(c.id(), received, res.entitlementAmt(), res.depositForfeitedAmt());
      rows.add(RowFactory.create(ctx.runId(), year, c.id(), r, budgetRun, b, actual, own.member(), outside,
          res.surplusAmt(), res.overspendAmt(), parts(res.surplus().bands()), res.surplus().bandedAmt(),
          res.surplus().retainedAmt(), parts(res.overspend().bands()), res.overspend().bandedAmt(),
          capByFund ? Money.scale(manual.adjustmentFund()) : null, res.overspend().isCapped(),
          res.overspendAmt().signum() > 0 ? res.overspend().fundShareAmt() : ZERO, res.settledAmt(), score.setScale(2),
          factor, Money.scale(Optional.ofNullable(manual.riskFund()).orElse(ZERO)), res.riskFundPaidAmt(), withheld,
          res.depositReturnedAmt(), monthlyGross, monthsSettled, prepaid,
          bedDay.getOrDefault(c.id(), ZERO), other, res.finalPaymentAmt(), method, own.memberDip(), nonMember,
          outOfCounty, parts[2], monthlyNet, res.depositForfeitedAmt(), res.entitlementAmt(), received));
    }
    Conservation.everyYuanOnce(spend, countyParts);
    return SettlementData.frame(ctx.spark(), DDL, rows);
  }

  /** The adopted run's package row of each community (package, method, last year's member spending). */
  private static Map<String, Row> budgetRows(Dataset<Row> budgetMedcommunity, String budgetRun) {
    Map<String, Row> out = new HashMap<>();
    for (Row r : budgetMedcommunity.filter(col("budget_run_id").equalTo(lit(budgetRun)))
        .select(col("medcommunity_id"), col("package_amt").cast(Money.TYPE), col("method"),
            col("y1_in_county_member_amt").cast(Money.TYPE))
        .collectAsList()) {
      out.put(r.getString(0), r);
    }
    return out;
  }

  /**
   * Community → {in-county non-member, out-of-county, county share}: its county's insured's spending outside
   * the members, shared among the county's in-scheme communities by the adopted budget's weights
   * ({@code y1_in_county_member_amt}, {@link MedCommunityPackage#apportion}); one community: all of it.
   */
  private static Map<String, BigDecimal[]> countyParts(List<SettlementData.Community> communities,
      Map<String, Row> budgets, String budgetRun, SettlementData.Spending spend) {
    Map<String, List<SettlementData.Community>> byCounty = new java.util.TreeMap<>();
    for (SettlementData.Community c : communities) {
      if (!budgets.containsKey(c.id())) {
        throw new ConfigException("medical community " + c.id() + " has no package in adopted budget run " + budgetRun);
      }
      byCounty.computeIfAbsent(c.admdvs(), k -> new ArrayList<>()).add(c);
    }
    Map<String, BigDecimal[]> out = new HashMap<>();
    byCounty.forEach((county, cs) -> {
      List<BigDecimal> w = cs.stream().map(c -> {
        Row b = budgets.get(c.id());
        return b.isNullAt(3) ? BigDecimal.ZERO : b.getDecimal(3);
      }).toList();
      SettlementData.CountySpend cp = spend.county(county);
      List<BigDecimal> nonMember = MedCommunityPackage.apportion(cp.nonMember(), w);
      List<BigDecimal> outside = MedCommunityPackage.apportion(cp.outside(), w);
      for (int i = 0; i < cs.size(); i++) {
        out.put(cs.get(i).id(), new BigDecimal[] {nonMember.get(i), outside.get(i), MedCommunityPackage.share(w, i)});
      }
    });
    return out;
  }

  static List<Band> bands(Policy p, String key, int year, String region) {
    List<Band> out = new ArrayList<>();
    p.node(key, year, region).forEach(n -> out.add(new Band(
        n.path("up_to").isNull() || n.path("up_to").isMissingNode() ? null : new BigDecimal(n.get("up_to").asText()),
        new BigDecimal(n.path("rate").asText()))));
    return out;
  }

  private static List<Row> parts(BandedShare.Result r) {
    return r.parts().stream().map(x -> RowFactory.create(x.upTo() == null ? null : x.upTo().setScale(6),
        x.rate().setScale(6), x.bandAmt(), x.shareAmt())).toList();
  }

  /** Community → (id, Σ net paid, Σ deposit withheld, months, Σ gross) over the latest recorded monthly run of each month. */
  private static Map<String, Row> latestMonthly(Inputs in, int year) {
    Map<String, Row> out = new HashMap<>();
    Optional<Dataset<Row>> monthly = in.optional(Tables.ADS_SETTLEMENT_MONTHLY);
    Optional<Dataset<Row>> runs = in.optional(Tables.ADS_SETTLEMENT_RUN);
    if (monthly.isEmpty() || runs.isEmpty()) {
      return out;
    }
    Dataset<Row> latest = latest(monthly.get().filter(col("settle_year").equalTo(year)), runs.get(),
        "medcommunity_id", "settle_month");
    latest.groupBy("medcommunity_id")
        .agg(Money.sum("net_paid_amt"), Money.sum("deposit_withheld_amt"), functions.count(lit(1)).as("months"),
            Money.sum("gross_amt"))
        .collectAsList().forEach(r -> out.put(r.getString(0), r));
    return out;
  }

  private static Map<String, BigDecimal> latestPrepay(Inputs in, int year) {
    Optional<Dataset<Row>> prepay = in.optional(Tables.ADS_SETTLEMENT_PREPAY);
    Optional<Dataset<Row>> runs = in.optional(Tables.ADS_SETTLEMENT_RUN);
    if (prepay.isEmpty() || runs.isEmpty()) {
      return Map.of();
    }
    return SettlementData.decimals(latest(prepay.get().filter(col("settle_year").equalTo(year)), runs.get(),
        "medcommunity_id").select("medcommunity_id", "prepay_amt"));
  }

  /** The rows of the most recently started recorded run per key. */
  static Dataset<Row> latest(Dataset<Row> rows, Dataset<Row> runs, String... key) {
    Dataset<Row> withStart = rows.join(runs.select("settlement_run_id", "started_at"), "settlement_run_id");
    return withStart.withColumn("_rk", functions.row_number().over(Window.partitionBy(
            java.util.Arrays.stream(key).map(functions::col).toArray(org.apache.spark.sql.Column[]::new))
            .orderBy(col("started_at").desc(), col("settlement_run_id").desc())))
        .filter(col("_rk").equalTo(1)).drop("_rk");
  }

  /** Community → Σ bed-day deductions of its members (docs/policy.md §3), from the adopted budget's agreements. */
  private static Map<String, BigDecimal> bedDayDeductions(Inputs in, Dataset<Row> fund, String budgetRun, int year,
      Map<String, SettlementData.Institution> institutions, Policy p) {
    Map<String, BigDecimal> out = new HashMap<>();
    Optional<Dataset<Row>> agreements = in.optional(Tables.ADS_BED_DAY_AGREEMENT);
    if (agreements.isEmpty()) {
      return out;
    }
    Dataset<Row> used = fund.filter(col("setl_year").equalTo(year).and(col("med_class").equalTo("inpatient")))
        .groupBy("fixmedins_code").agg(Money.sum("hifp_pay"), functions.sum("bed_days").as("bed_days"));
    for (Row r : agreements.get().filter(col("budget_run_id").equalTo(budgetRun))
        .select(col("fixmedins_code"), col("max_bed_days").cast("decimal(18,4)"))
        .join(used, "fixmedins_code").collectAsList()) {
      SettlementData.Institution i = institutions.get(r.getString(0));
      if (i == null || i.medcommunityId() == null) {
        continue;
      }
      BigDecimal d = BedDayDeduction.of(r.getDecimal(2), BigDecimal.valueOf(r.getLong(3)), r.getDecimal(1),
          p.decimal("settlement.bed_day.deduction_rate", year, i.admdvs()));
      out.merge(i.medcommunityId(), d, BigDecimal::add);
    }
    return out;
  }
}
