package org.yibao.lake.jobs.settlement;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.yibao.lake.common.job.Inputs;
import org.yibao.lake.common.job.Job;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.JobSpec;
import org.yibao.lake.common.policy.settlement.Prepayment;
import org.yibao.lake.common.table.Tables;

/**
 * {@code ads.settlement_prepay}: the prepayment fund (预付金) of each medical community in the scheme in
 * year Y, docs/policy.md §6 ({@link Prepayment}): last year's pooled-fund spending of the county's insured
 * at the community's members of year Y — not at non-members, and not their DIP part (settled under DIP) —
 * / 12 × {@code settlement.prepay.months}. Paid by the fund to the community's lead hospital; offset at
 * year-end. A community whose scheme starts after Y has no row.
 */
public final class SettlementPrepayJob implements Job {
  static final String DDL = "settlement_run_id STRING, settle_year INT, medcommunity_id STRING, admdvs STRING, "
      + "last_year_fund_amt DECIMAL(18,2), avg_monthly_amt DECIMAL(18,2), prepay_months DECIMAL(9,6), "
      + "prepay_amt DECIMAL(18,2)";

  @Override
  public JobSpec spec() {
    return JobSpec.of(Tables.ADS_SETTLEMENT_PREPAY)
        .inputs(Tables.DWS_FUND_EXPENDITURE_MONTH, Tables.DIM_MEDCOMMUNITY, Tables.DIM_MEDINS)
        .grain("settlement_run_id", "medcommunity_id").keyedByRun("settlement_run_id")
        .doc("docs/policy.md §6 prepayment; JX-2026 二(三)9, GY-2025 三(五)").build();
  }

  @Override
  public Dataset<Row> transform(JobContext ctx, Inputs in) {
    int year = Settle.year(ctx);
    var communities = SettlementData.inScheme(in.get(Tables.DIM_MEDCOMMUNITY),
        SettlementData.institutions(in.get(Tables.DIM_MEDINS), year), year);
    String dip = ctx.policy().string("settlement.dip.category", year, "*");
    SettlementData.Spending spend = SettlementData.spending(in.get(Tables.DWS_FUND_EXPENDITURE_MONTH), communities,
        year - 1, dip);
    List<Row> rows = new ArrayList<>();
    for (SettlementData.Community c : communities) {
      // the members' own spending (their DIP part apart, settled under DIP): never non-members' (issue 9 item 13)
      BigDecimal lastYear = spend.year(c.id()).member();
      BigDecimal months = ctx.policy().decimal("settlement.prepay.months", year, c.admdvs());
      Prepayment.Result p = Prepayment.of(lastYear, months);
      rows.add(RowFactory.create(ctx.runId(), year, c.id(), c.admdvs(), lastYear, p.avgMonthlyAmt(),
          months.setScale(6), p.prepayAmt()));
    }
    return SettlementData.frame(ctx.spark(), DDL, rows);
  }
}
