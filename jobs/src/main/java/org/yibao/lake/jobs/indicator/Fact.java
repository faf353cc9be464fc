package org.yibao.lake.jobs.indicator;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * The uniform shape every indicator's contributions take before aggregation: what a row adds to the
 * numerator and the denominator of which indicator, on which date, for which entities (county of
 * attribution, medical community, institution; null where the indicator is not published at that level),
 * and which persons it describes ({@code psn_no}, or an already-counted {@code psn_cnt}).
 * {@code scope} is {@code both}, or {@code month} / {@code year} for rows that belong to one kind of
 * period only (person-year exposures, stocks at a period's end).
 */
final class Fact {
  static final DataType AMOUNT = DataTypes.createDecimalType(30, 12);
  static final String BOTH = "both";

  private Fact() {}

  /**
   * Selects the fact columns from a frame holding {@code fact_date, scope, insutype, county,
   * medcommunity_id, fixmedins_code, psn_no, psn_cnt}.
   */
  static Dataset<Row> of(Dataset<Row> base, String indicatorId, Column num, Column den) {
    return base.select(lit(indicatorId).as("indicator_id"), col("fact_date"), col("scope"), col("insutype"),
        col("county"), col("medcommunity_id"), col("fixmedins_code"), col("psn_no"), col("psn_cnt"),
        num.cast(AMOUNT).as("num"), den.cast(AMOUNT).as("den"));
  }

  /** The fact columns with defaults: scope both, no pre-counted persons. */
  static Dataset<Row> base(Dataset<Row> df, Column date, Column county, Column medcommunity, Column fixmedins,
                           Column psnNo) {
    // one projection (each withColumn re-analyses the whole plan, and the job builds ~25 of these)
    java.util.Map<String, Column> cols = new java.util.LinkedHashMap<>();
    cols.put("fact_date", date);
    cols.put("scope", lit(BOTH));
    cols.put("county", county.cast("string"));
    cols.put("medcommunity_id", medcommunity.cast("string"));
    cols.put("fixmedins_code", fixmedins.cast("string"));
    cols.put("psn_no", psnNo.cast("string"));
    cols.put("psn_cnt", lit(0L));
    return df.withColumns(cols);
  }

  static Column none() {
    return lit(null).cast("string");
  }
}
