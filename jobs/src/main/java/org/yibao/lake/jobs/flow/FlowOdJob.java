package org.yibao.lake.jobs.flow;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.yibao.lake.common.job.Inputs;
import org.yibao.lake.common.job.Job;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.JobSpec;
import org.yibao.lake.common.money.Money;
import org.yibao.lake.common.table.Tables;
import org.yibao.lake.jobs.dwd.SetlJob;

/**
 * {@code ads.flow_od}: the origin–destination matrix of cross-region care (异地就医流向), docs/policy.md §10.
 * Origin is the insured place, destination the place of treatment, at county, city and province level;
 * a destination outside the province is kept as that province's code at every level. Valid
 * settlements only; a cell describing fewer persons than {@code privacy.small_cell_min_persons} is
 * flagged {@code is_suppressed}.
 */
public final class FlowOdJob implements Job {
  static final String[] LEVELS = {"county", "city", "province"};

  @Override
  public JobSpec spec() {
    return JobSpec.of(Tables.ADS_FLOW_OD).inputs(Tables.DWD_SETL)
        .grain("period_type", "period", "level", "insutype", "category", "origin_admdvs", "destination_admdvs")
        .period("period", JobSpec.PeriodKind.CALENDAR)
        .doc("docs/policy.md §10; QY-2025 第四, JX-2026 二(二)7").build();
  }

  @Override
  public Dataset<Row> transform(JobContext ctx, Inputs in) {
    Dataset<Row> setl = in.get(Tables.DWD_SETL).filter(SetlJob.VALID)
        .select("setl_date", "insutype", "category", "psn_no", "medfee_sumamt", "hifp_pay", "insuplc_admdvs",
            "mdtrtarea_admdvs");
    Dataset<Row> flows = PeriodColumns.explode(setl, col("setl_date"), ctx.period())
        .withColumn("_l", functions.explode(functions.array(levelStructs())))
        .select(col("period_type"), col("period"), col("_l.level").as("level"), col("insutype"), col("category"),
            col("_l.origin").as("origin_admdvs"), col("_l.destination").as("destination_admdvs"), col("psn_no"),
            col("medfee_sumamt"), col("hifp_pay"));
    return flows.groupBy("period_type", "period", "level", "insutype", "category", "origin_admdvs",
            "destination_admdvs")
        .agg(functions.count(lit(1)).as("setl_cnt"), functions.countDistinct("psn_no").as("psn_cnt"),
            Money.sum("medfee_sumamt"), Money.sum("hifp_pay"))
        .withColumn("is_suppressed", col("psn_cnt").lt(ctx.settings().smallCellMinPersons()));
  }

  /** One (level, origin, destination) per level; out-of-province destinations as their province code. */
  static Column[] levelStructs() {
    Column o = col("insuplc_admdvs");
    Column d = col("mdtrtarea_admdvs");
    Column outOfProvince = RegionColumns.provinceOf(d).notEqual(RegionColumns.provinceOf(o));
    Column[] out = new Column[LEVELS.length];
    for (int i = 0; i < LEVELS.length; i++) {
      out[i] = functions.struct(lit(LEVELS[i]).as("level"), RegionColumns.atLevel(o, LEVELS[i]).as("origin"),
          when(outOfProvince, RegionColumns.provinceOf(d)).otherwise(RegionColumns.atLevel(d, LEVELS[i]))
              .as("destination"));
    }
    return out;
  }
}
