package org.yibao.lake.jobs.flow;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.yibao.lake.jobs.dwd.SetlJob;

/**
 * Where a county medical community's insured are admitted (docs/policy.md §9 向上转诊/虹吸, GD-2019 四): the
 * valid inpatient settlements of persons insured in the community's county, each with its tier —
 * {@code village}, {@code township} (by {@code medins_type}), {@code county} (any other institution
 * in the county) or {@code above_county} (treated outside the county: city and provincial hospitals,
 * other counties, other provinces) — and {@code is_lead} for the community's lead hospital (牵头医院).
 */
public final class CommunityTiers {
  public static final String[] TIERS = {"village", "township", "county", "above_county"};

  private CommunityTiers() {}

  /** Inpatient settlements of each community's insured with {@code medcommunity_id}, {@code tier}, {@code is_lead}. */
  public static Dataset<Row> stays(Dataset<Row> setl, Dataset<Row> medins, Dataset<Row> medcommunity) {
    Dataset<Row> inst = RegionColumns.latestMedins(medins).select(col("fixmedins_code").as("_fix"), col("medins_type"));
    Dataset<Row> comm = medcommunity.select(col("medcommunity_id"), col("admdvs").as("_county"),
        col("lead_fixmedins_code"));
    Column tier = functions.when(col("mdtrtarea_admdvs").notEqual(col("_county")), "above_county")
        .when(col("medins_type").equalTo("village"), "village")
        .when(col("medins_type").equalTo("township"), "township")
        .otherwise("county");
    return setl.filter(SetlJob.VALID).filter(col("med_class").equalTo("inpatient"))
        .join(comm, col("insuplc_admdvs").equalTo(col("_county")))
        .join(inst, col("fixmedins_code").equalTo(col("_fix")), "left")
        .withColumn("tier", tier)
        .withColumn("is_lead", functions.coalesce(col("fixmedins_code").equalTo(col("lead_fixmedins_code")),
            functions.lit(false)))
        .drop("_county", "_fix");
  }
}
