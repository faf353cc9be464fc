package org.yibao.lake.jobs.dws;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.yibao.lake.common.job.Inputs;
import org.yibao.lake.common.job.Job;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.JobSpec;
import org.yibao.lake.common.table.Tables;

/**
 * {@code dws.insured_person_year}: insured person-years (days enrolled / days in the year) and
 * distinct insured persons per year, insured county and insutype: the denominators of admission
 * rates and per-capita standards (docs/policy.md §5, §9). Years are those the settlements cover; an open
 * spell counts to the end of the year.
 */
public final class InsuredPersonYearJob implements Job {

  @Override
  public JobSpec spec() {
    return JobSpec.of(Tables.DWS_INSURED_PERSON_YEAR).inputs(Tables.DWD_INSU, Tables.DWD_SETL)
        .grain("year", "insuplc_admdvs", "insutype").period("year", JobSpec.PeriodKind.YEAR)
        .doc("docs/policy.md §9 denominators").build();
  }

  @Override
  public Dataset<Row> transform(JobContext ctx, Inputs in) {
    Row range = in.get(Tables.DWD_SETL).agg(functions.min("setl_year"), functions.max("setl_year")).head();
    int from = range.isNullAt(0) ? 0 : range.getInt(0);
    int to = range.isNullAt(1) ? -1 : range.getInt(1);
    Dataset<Row> years = ctx.spark().range(from, to + 1L).select(col("id").cast(DataTypes.IntegerType).as("year"));
    if (!ctx.period().isAll()) {
      years = ctx.spark().createDataset(ctx.period().years(), org.apache.spark.sql.Encoders.INT()).toDF("year");
    }
    Column yStart = functions.make_date(col("year"), lit(1), lit(1));
    Column yEnd = functions.make_date(col("year"), lit(12), lit(31));
    Column start = functions.greatest(col("begndate"), yStart);
    Column end = functions.least(functions.coalesce(col("enddate"), yEnd), yEnd);
    Column days = functions.datediff(end, start).plus(1);
    Column daysInYear = functions.datediff(yEnd, yStart).plus(1);
    return in.get(Tables.DWD_INSU).crossJoin(years)
        .withColumn("days", days)
        .filter(col("days").gt(0))
        .groupBy("year", "insuplc_admdvs", "insutype")
        .agg(functions.round(functions.sum(col("days").divide(daysInYear)), 4).cast(DataTypes.createDecimalType(18, 4))
                .as("person_years"),
            functions.countDistinct("psn_no").as("psn_cnt"));
  }
}
