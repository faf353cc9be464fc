package org.yibao.lake.jobs.settlement;

import static org.apache.spark.sql.functions.col;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.yibao.lake.common.config.ConfigException;
import org.yibao.lake.common.dq.DataQualityException;
import org.yibao.lake.common.job.Inputs;
import org.yibao.lake.common.job.Job;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.JobSpec;
import org.yibao.lake.common.money.Money;
import org.yibao.lake.common.policy.settlement.OutpatientBudgetCap;
import org.yibao.lake.common.table.Tables;
import org.yibao.lake.jobs.dwd.SetlJob;

/**
 * {@code ads.outpatient_budget_cap}: the outpatient budget cap (门诊总额预算封顶), docs/policy.md §7.3 (outpatient
 * budget cap), composed from {@link OutpatientBudgetCap}, per city × insutype ({@code row_kind = 'city'},
 * {@code fixmedins_code = '*'}) and per institution ({@code 'institution'}).
 *
 * <p>One scope for budget and claims: the city's insured treated in the city. K_i is the pooled fund
 * ({@code hifp_pay}) of the city's insured at institution i in the city over the valid {@code dwd.setl} facts of the
 * year in the categories {@code settlement.outpatient_cap.categories}; K = Σ K_i. The adopted budget's
 * {@code ads.budget_city} rows of those categories (city_budget, by insured place: treatment anywhere) are cut to
 * that scope by last year's share, {@code Bo = city_budget × E_local(Y-1) / E_all(Y-1)} (HALF_UP cents), E being the
 * same facts of Y-1 in the city and anywhere. Paid {@code K_i × Bo / K} when K &gt; Bo, else K_i.
 */
public final class OutpatientBudgetCapJob implements Job {
  static final String DDL = "settlement_run_id STRING, settle_year INT, admdvs STRING, insutype STRING, "
      + "row_kind STRING, fixmedins_code STRING, budget_run_id STRING, city_budget_amt DECIMAL(18,2), "
      + "y1_local_amt DECIMAL(18,2), y1_all_amt DECIMAL(18,2), local_share_rate DECIMAL(9,6), budget_amt DECIMAL(18,2), "
      + "claims_total_amt DECIMAL(18,2), claims_amt DECIMAL(18,2), is_capped BOOLEAN, paid_amt DECIMAL(18,2), "
      + "reduction_amt DECIMAL(18,2)";
  static final String CITY = "city";
  static final String INSTITUTION = "institution";
  private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

  @Override
  public JobSpec spec() {
    return JobSpec.of(Tables.ADS_OUTPATIENT_BUDGET_CAP)
        .inputs(Tables.DWD_SETL, Tables.ADS_BUDGET_RUN, Tables.ADS_BUDGET_CITY)
        .grain("settlement_run_id", "admdvs", "insutype", "row_kind", "fixmedins_code")
        .keyedByRun("settlement_run_id")
        .doc("docs/policy.md §7.3 outpatient budget cap")
        .build();
  }

  @Override
  public Dataset<Row> transform(JobContext ctx, Inputs in) {
    int year = Settle.year(ctx);
    String budgetRun = AdoptedBudget.runId(in.get(Tables.ADS_BUDGET_RUN), year);
    // categories are looked up province-wide: the budget rows and the facts must be cut the same way everywhere
    List<String> categories = SettlementData.texts(ctx.policy(), "settlement.outpatient_cap.categories", year, "*");
    Map<String, BigDecimal> budget = SettlementData.cityBudget(in.get(Tables.ADS_BUDGET_CITY), budgetRun,
        col("category").isin(categories.toArray()));
    Map<String, TreeMap<String, BigDecimal>> claims = new TreeMap<>();
    Dataset<Row> facts = in.get(Tables.DWD_SETL)
        .filter(functions.expr(SetlJob.VALID).and(col("setl_year").between(year - 1, year))
            .and(col("category").isin(categories.toArray())))
        .withColumn("city", CapitationPointsJob.cityOf("insuplc_admdvs"))
        .withColumn("is_local", CapitationPointsJob.cityOf("mdtrtarea_admdvs").equalTo(col("city")));
    facts.filter(col("setl_year").equalTo(year).and(col("is_local")))
        .groupBy("city", "insutype", "fixmedins_code").agg(Money.sum("hifp_pay")).collectAsList()
        .forEach(r -> claims.computeIfAbsent(r.getString(0) + "|" + r.getString(1), k -> new TreeMap<>())
            .put(r.getString(2), r.getDecimal(3)));
    // last year's spending of the city's insured: in the city, and anywhere
    Map<String, BigDecimal[]> lastYear = new TreeMap<>();
    facts.filter(col("setl_year").equalTo(year - 1))
        .withColumn("local_pay", functions.when(col("is_local"), col("hifp_pay")))
        .groupBy("city", "insutype").agg(Money.sum("local_pay"), Money.sum("hifp_pay"))
        .collectAsList()
        .forEach(r -> lastYear.put(r.getString(0) + "|" + r.getString(1),
            new BigDecimal[] {r.getDecimal(2), r.getDecimal(3)}));

    List<Row> rows = new ArrayList<>();
    for (String k : claims.keySet()) {
      if (!budget.containsKey(k)) {
        throw new ConfigException("no outpatient budget (" + String.join(", ", categories) + ") for city × insutype "
            + k.replace('|', ' ') + " in adopted budget run " + budgetRun);
      }
    }
    for (Map.Entry<String, BigDecimal> e : new TreeMap<>(budget).entrySet()) {
      String[] ci = e.getKey().split("\\|");
      BigDecimal cityBudget = e.getValue();
      BigDecimal[] y1 = lastYear.getOrDefault(e.getKey(), new BigDecimal[] {ZERO, ZERO});
      BigDecimal share = null;
      BigDecimal bo = ZERO;
      if (y1[1].signum() > 0) {
        share = OutpatientBudgetCap.localShare(y1[0], y1[1]);
        bo = OutpatientBudgetCap.localBudget(cityBudget, y1[0], y1[1]);
      } else if (cityBudget.signum() != 0) {
        throw new DataQualityException("no " + (year - 1) + " outpatient spending (" + String.join(", ", categories)
            + ") of the insured of " + e.getKey().replace('|', ' ') + " to cut the city budget "
            + cityBudget.toPlainString() + " to treatment in the city");
      }
      TreeMap<String, BigDecimal> byInst = claims.getOrDefault(e.getKey(), new TreeMap<>());
      BigDecimal k = byInst.values().stream().reduce(ZERO, BigDecimal::add);
      boolean capped = OutpatientBudgetCap.isCapped(k, bo);
      List<Row> inst = new ArrayList<>();
      BigDecimal paidTotal = ZERO;
      for (Map.Entry<String, BigDecimal> i : byInst.entrySet()) {
        BigDecimal paid = OutpatientBudgetCap.payment(i.getValue(), k, bo);
        paidTotal = paidTotal.add(paid);
        inst.add(RowFactory.create(ctx.runId(), year, ci[0], ci[1], INSTITUTION, i.getKey(), budgetRun, cityBudget,
            y1[0], y1[1], share, bo, k,
            i.getValue(), capped, paid, i.getValue().subtract(paid)));
      }
      rows.add(RowFactory.create(ctx.runId(), year, ci[0], ci[1], CITY, CapitationPointsJob.ALL, budgetRun, cityBudget,
          y1[0], y1[1], share, bo, k, k,
          capped, paidTotal, k.subtract(paidTotal)));
      rows.addAll(inst);
    }
    return SettlementData.frame(ctx.spark(), DDL, rows);
  }
}
