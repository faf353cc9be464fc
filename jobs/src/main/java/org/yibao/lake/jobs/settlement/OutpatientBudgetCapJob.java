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
import org.yibao.lake.common.job.Inputs;
import org.yibao.lake.common.job.Job;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.JobSpec;
import org.yibao.lake.common.money.Money;
import org.yibao.lake.common.policy.settlement.OutpatientBudgetCap;
import org.yibao.lake.common.table.Tables;
import org.yibao.lake.jobs.dwd.SetlJob;

/**
 * {@code ads.outpatient_budget_cap}: the outpatient budget cap (门诊总额预算封顶), POLICY.md §7 (seed 004
 * §二(二)6), composed from {@link OutpatientBudgetCap}, per city × insutype ({@code row_kind = 'city'},
 * {@code fixmedins_code = '*'}) and per institution ({@code 'institution'}). Bo is the sum of the adopted
 * budget's {@code ads.budget_city} rows of the categories {@code settlement.outpatient_cap.categories};
 * K_i is the pooled fund ({@code hifp_pay}) of the city's insured at institution i in the city over the valid
 * {@code dwd.setl} facts of the year in those categories; K = Σ K_i. Paid {@code K_i × Bo / K} when K &gt; Bo,
 * else K_i.
 */
public final class OutpatientBudgetCapJob implements Job {
  static final String DDL = "settlement_run_id STRING, settle_year INT, admdvs STRING, insutype STRING, "
      + "row_kind STRING, fixmedins_code STRING, budget_run_id STRING, budget_amt DECIMAL(18,2), "
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
        .doc("POLICY.md §7 outpatient budget cap; seed 004 §二(二)6")
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
    in.get(Tables.DWD_SETL)
        .filter(functions.expr(SetlJob.VALID).and(col("setl_year").equalTo(year))
            .and(col("category").isin(categories.toArray())))
        .withColumn("city", CapitationPointsJob.cityOf("insuplc_admdvs"))
        .filter(CapitationPointsJob.cityOf("mdtrtarea_admdvs").equalTo(col("city")))
        .groupBy("city", "insutype", "fixmedins_code").agg(Money.sum("hifp_pay")).collectAsList()
        .forEach(r -> claims.computeIfAbsent(r.getString(0) + "|" + r.getString(1), k -> new TreeMap<>())
            .put(r.getString(2), r.getDecimal(3)));

    List<Row> rows = new ArrayList<>();
    for (String k : claims.keySet()) {
      if (!budget.containsKey(k)) {
        throw new ConfigException("no outpatient budget (" + String.join(", ", categories) + ") for city × insutype "
            + k.replace('|', ' ') + " in adopted budget run " + budgetRun);
      }
    }
    for (Map.Entry<String, BigDecimal> e : new TreeMap<>(budget).entrySet()) {
      String[] ci = e.getKey().split("\\|");
      BigDecimal bo = e.getValue();
      TreeMap<String, BigDecimal> byInst = claims.getOrDefault(e.getKey(), new TreeMap<>());
      BigDecimal k = byInst.values().stream().reduce(ZERO, BigDecimal::add);
      boolean capped = OutpatientBudgetCap.isCapped(k, bo);
      List<Row> inst = new ArrayList<>();
      BigDecimal paidTotal = ZERO;
      for (Map.Entry<String, BigDecimal> i : byInst.entrySet()) {
        BigDecimal paid = OutpatientBudgetCap.payment(i.getValue(), k, bo);
        paidTotal = paidTotal.add(paid);
        inst.add(RowFactory.create(ctx.runId(), year, ci[0], ci[1], INSTITUTION, i.getKey(), budgetRun, bo, k,
            i.getValue(), capped, paid, i.getValue().subtract(paid)));
      }
      rows.add(RowFactory.create(ctx.runId(), year, ci[0], ci[1], CITY, CapitationPointsJob.ALL, budgetRun, bo, k, k,
          capped, paidTotal, k.subtract(paidTotal)));
      rows.addAll(inst);
    }
    return SettlementData.frame(ctx.spark(), DDL, rows);
  }
}
