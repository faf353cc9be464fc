package org.yibao.lake.common.pii;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Small-cell suppression at the edge (DATA_CONTRACT.md, PII): where a published row is flagged
 * {@code is_suppressed}, the configured value columns are emptied in every export and report.
 */
public final class SmallCells {
  private SmallCells() {}

  public static Dataset<Row> hide(Dataset<Row> df, List<String> suppressedColumns) {
    if (!List.of(df.columns()).contains("is_suppressed")) {
      return df;
    }
    Dataset<Row> out = df;
    for (String c : suppressedColumns) {
      if (List.of(df.columns()).contains(c)) {
        out = out.withColumn(c, functions.when(functions.col("is_suppressed"), functions.lit(null))
            .otherwise(functions.col(c)));
      }
    }
    return out;
  }
}
