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

  /** {@code suppressedColumns}: names or globs ({@code *_cnt}); see {@code privacy.suppressed_columns}. */
  public static Dataset<Row> hide(Dataset<Row> df, List<String> suppressedColumns) {
    if (!List.of(df.columns()).contains("is_suppressed")) {
      return df;
    }
    Dataset<Row> out = df;
    for (String c : df.columns()) {
      if (!c.equals("is_suppressed") && suppressedColumns.stream().anyMatch(p -> matches(p, c))) {
        out = out.withColumn(c, functions.when(functions.col("is_suppressed"), functions.lit(null))
            .otherwise(functions.col(c)));
      }
    }
    return out;
  }

  static boolean matches(String pattern, String column) {
    if (!pattern.contains("*")) {
      return pattern.equals(column);
    }
    String regex = java.util.Arrays.stream(pattern.split("\\*", -1)).map(java.util.regex.Pattern::quote)
        .collect(java.util.stream.Collectors.joining(".*"));
    return column.matches(regex);
  }
}
