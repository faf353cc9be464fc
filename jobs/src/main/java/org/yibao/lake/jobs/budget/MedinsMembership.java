package org.yibao.lake.jobs.budget;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.sql.Date;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.yibao.lake.common.job.Inputs;
import org.yibao.lake.common.table.Tables;

/** Institutions and their medical community from the effective-dated {@code dim.medins}. */
final class MedinsMembership {
  private MedinsMembership() {}

  /** Rows of {@code dim.medins} valid at some day between {@code from} and {@code to}. */
  static Dataset<Row> validBetween(Inputs in, LocalDate from, LocalDate to) {
    Column starts = col("begndate").isNull().or(col("begndate").leq(lit(Date.valueOf(to))));
    Column ends = col("enddate").isNull().or(col("enddate").geq(lit(Date.valueOf(from))));
    return in.get(Tables.DIM_MEDINS).filter(starts.and(ends));
  }

  /** Institution → medical community for the institutions that were members during year {@code y}. */
  static Map<String, String> members(Inputs in, int y) {
    Map<String, String> out = new TreeMap<>();
    for (Row r : validBetween(in, LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 31))
        .filter(col("medcommunity_id").isNotNull().and(col("medcommunity_id").notEqual("")))
        .select("fixmedins_code", "medcommunity_id").distinct().orderBy("fixmedins_code", "medcommunity_id")
        .collectAsList()) {
      out.putIfAbsent(r.getString(0), r.getString(1));
    }
    return out;
  }
}
