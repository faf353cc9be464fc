package org.yibao.lake.jobs.flow;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

/**
 * Division codes as columns ({@code PP0000} province, {@code PPCC00} city, {@code PPCCXX} county; the
 * column twins of {@link org.yibao.lake.common.policy.Regions}), and the current row of an institution.
 */
public final class RegionColumns {
  private RegionColumns() {}

  public static Column cityOf(Column admdvs) {
    return functions.concat(functions.substring(admdvs, 1, 4), functions.lit("00"));
  }

  public static Column provinceOf(Column admdvs) {
    return functions.concat(functions.substring(admdvs, 1, 2), functions.lit("0000"));
  }

  /** The code of {@code admdvs} at {@code level} (county, city, province). */
  public static Column atLevel(Column admdvs, String level) {
    return switch (level) {
      case "county" -> admdvs;
      case "city" -> cityOf(admdvs);
      case "province" -> provinceOf(admdvs);
      default -> throw new IllegalArgumentException("level " + level);
    };
  }

  /** dim.medins holds every version of an institution (effective-dated): the latest one of each. */
  public static Dataset<Row> latestMedins(Dataset<Row> medins) {
    return medins.withColumn("_rk", functions.row_number().over(
            Window.partitionBy("fixmedins_code").orderBy(functions.col("begndate").desc())))
        .filter("_rk = 1").drop("_rk");
  }
}
