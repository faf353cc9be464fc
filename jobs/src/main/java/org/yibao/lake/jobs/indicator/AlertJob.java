package org.yibao.lake.jobs.indicator;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;
import org.yibao.lake.common.config.ConfigException;
import org.yibao.lake.common.job.Inputs;
import org.yibao.lake.common.job.Job;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.JobSpec;
import org.yibao.lake.common.policy.Policy;
import org.yibao.lake.common.policy.indicator.AlertLevel;
import org.yibao.lake.common.policy.indicator.AlertStreak;
import org.yibao.lake.common.policy.indicator.IndicatorRule;
import org.yibao.lake.common.table.Tables;
import org.yibao.lake.jobs.flow.RegionColumns;

/**
 * {@code ads.alert}: one row per broken threshold of {@code ads.indicator} (docs/policy.md §9) whose
 * denominator reaches the minimum of its indicator and level ({@code alert.min_denominator.<id>}, so that
 * an institution-month with two index stays does not alert at 50 %): the indicator, entity (with its
 * Chinese name from {@code dim.admdvs} / {@code dim.medcommunity} / {@code dim.medins}, and its division
 * {@code entity_admdvs}: itself, or the county of a community or institution), period, value,
 * threshold, how far beyond it ({@code excess}, {@code excess_ratio}), since which period and for how many
 * periods in a row ({@link AlertStreak}), and the warning level red / orange / yellow ({@link AlertLevel},
 * {@code alert.levels}). Rewritten whole from {@code ads.indicator} on every run: a recomputed month changes
 * the streaks of the months after it. A suppressed small cell alerts too, flagged {@code is_suppressed}.
 */
public final class AlertJob implements Job {
  /** The levels of ads.indicator, each with a minimum denominator in {@code alert.min_denominator.<id>}. */
  public static final List<String> LEVELS = List.of("province", "city", "county", "medcommunity", "medins");
  private static final DecimalType RATE = DataTypes.createDecimalType(18, 6);

  @Override
  public JobSpec spec() {
    return JobSpec.of(Tables.ADS_ALERT)
        .inputs(Tables.ADS_INDICATOR, Tables.DIM_ADMDVS, Tables.DIM_MEDINS, Tables.DIM_MEDCOMMUNITY)
        .grain(IndicatorJob.GRAIN)
        .doc("docs/policy.md §9 alerts; CONVENTIONS.md explainable results").build();
  }

  @Override
  public Dataset<Row> transform(JobContext ctx, Inputs in) {
    Dataset<Row> names = entityNames(in.get(Tables.DIM_ADMDVS), in.get(Tables.DIM_MEDINS),
        in.get(Tables.DIM_MEDCOMMUNITY));
    Dataset<Row> year = in.get(Tables.ADS_INDICATOR)
        .withColumn("_year", functions.substring(col("period"), 1, 4).cast("int"))
        .join(names, new String[] {"level", "entity_id"}, "left")
        .withColumn("region", functions.coalesce(col("region"), lit("*")));
    Dataset<Row> bars = bars(ctx.policy(), year.filter(col("is_alert")).select("indicator_id", "_year", "level", "region")
        .distinct().collectAsList());
    // a broken threshold over too small a denominator is not an alert: it does not start or extend a streak
    Dataset<Row> ruled = year.join(bars, new String[] {"indicator_id", "_year", "level", "region"}, "left")
        .withColumn("is_alert", col("is_alert").and(functions.coalesce(
            col("denominator").geq(col("min_denominator")), col("min_denominator").isNull())));
    Dataset<Row> streaks = AlertStreak.of(ruled, "indicator_id", "level", "entity_id", "insutype", "period_type")
        .withColumn("excess", functions.round(IndicatorRule.excess(), 6).cast(RATE))
        .withColumn("excess_ratio", functions.round(AlertLevel.excessRatio(), 6).cast(RATE));
    return streaks.select(col("indicator_id"), col("period_type"), col("period"), col("level"), col("entity_id"),
        functions.coalesce(col("entity_name"), col("entity_id")).as("entity_name"),
        when(col("region").notEqual("*"), col("region")).as("entity_admdvs"), col("insutype"),
        col("numerator"), col("denominator"), col("min_denominator"), col("value"), col("threshold"),
        col("direction"), col("excess"), col("excess_ratio"), AlertLevel.level().as("alert_level"),
        col("policy_doc"), col("first_alert_period"), col("consecutive_periods").cast("int").as("consecutive_periods"),
        col("is_suppressed"));
  }

  /**
   * Name and policy region of every entity: a division is its own region, a community and an institution
   * that of their county (as the thresholds of {@code IndicatorJob}).
   */
  public static Dataset<Row> entityNames(Dataset<Row> admdvs, Dataset<Row> medins, Dataset<Row> medcommunity) {
    Column regionLevel = when(col("admdvs_lv").equalTo(1), lit("province"))
        .when(col("admdvs_lv").equalTo(2), lit("city")).otherwise(lit("county"));
    return admdvs.select(regionLevel.as("level"), col("admdvs").as("entity_id"), col("admdvs_name").as("entity_name"),
            col("admdvs").as("region"))
        .unionByName(medcommunity.select(lit("medcommunity").as("level"), col("medcommunity_id").as("entity_id"),
            col("medcommunity_name").as("entity_name"), col("admdvs").as("region")))
        .unionByName(RegionColumns.latestMedins(medins).select(lit("medins").as("level"),
            col("fixmedins_code").as("entity_id"), col("fixmedins_name").as("entity_name"), col("admdvs").as("region")))
        .dropDuplicates("level", "entity_id");
  }

  /** The warning-level bars and the minimum denominator of each (indicator, year, level, region) that alerts. */
  static Dataset<Row> bars(Policy policy, List<Row> keys) {
    List<Row> rows = new ArrayList<>();
    for (Row k : keys) {
      String id = k.getString(0);
      int y = k.getInt(1);
      String level = k.getString(2);
      String region = k.getString(3);
      AlertLevel lv = policy.value("alert.levels", y, region, AlertLevel.class);
      com.fasterxml.jackson.databind.JsonNode min = policy.node("alert.min_denominator." + id, y, region).path(level);
      if (!min.isNumber()) {
        throw new ConfigException("policy parameter 'alert.min_denominator." + id + "' has no number for level " + level);
      }
      rows.add(RowFactory.create(id, y, level, region, min.decimalValue().setScale(2, java.math.RoundingMode.HALF_UP),
          lv.red().excessRatio(), lv.red().months(), lv.red().years(),
          lv.orange().excessRatio(), lv.orange().months(), lv.orange().years()));
    }
    StructType schema = new StructType().add("indicator_id", "string").add("_year", "int").add("level", "string")
        .add("region", "string").add("min_denominator", DataTypes.createDecimalType(18, 2))
        .add("red_ratio", DataTypes.createDecimalType(18, 6)).add("red_months", "int").add("red_years", "int")
        .add("orange_ratio", DataTypes.createDecimalType(18, 6)).add("orange_months", "int").add("orange_years", "int");
    return org.apache.spark.sql.SparkSession.active().createDataFrame(rows, schema);
  }

}
