package org.yibao.lake.tests;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.yibao.lake.common.config.LakeSettings;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.Period;
import org.yibao.lake.common.lake.Lake;
import org.yibao.lake.common.policy.Policy;
import org.yibao.lake.common.table.TableId;

/**
 * Inline fixtures for transform tests: a table from an explicit DDL schema and rows, written straight
 * into a lake (no ingest), so a job's input is exactly what the test's arithmetic says.
 */
public final class Fixtures {
  private Fixtures() {}

  /**
   * A DataFrame from a DDL schema ({@code "admdvs STRING, hifp_pay DECIMAL(18,2), year INT"}) and rows;
   * strings are converted to the column type: decimals from "123.45", dates from "2024-01-31".
   */
  public static Dataset<Row> frame(String ddl, Object[]... rows) {
    StructType schema = StructType.fromDDL(ddl);
    List<Row> out = new ArrayList<>();
    for (Object[] r : rows) {
      if (r.length != schema.fields().length) {
        throw new IllegalArgumentException("row " + Arrays.toString(r) + " does not fit " + ddl);
      }
      Object[] v = new Object[r.length];
      for (int i = 0; i < r.length; i++) {
        v[i] = convert(r[i], schema.fields()[i]);
      }
      out.add(RowFactory.create(v));
    }
    return TestSpark.get().createDataFrame(out, schema);
  }

  /** Writes a fixture table into the lake (replacing it). */
  public static void table(Lake lake, TableId t, String ddl, Object[]... rows) {
    lake.overwrite(frame(ddl, rows), t, List.of());
  }

  public static Object[] row(Object... values) {
    return values;
  }

  /** A job context over a lake in {@code dir} with the repository's conf/ and policy. */
  public static JobContext context(Path dir, String runId, Period period, LocalDate asOf) {
    LakeSettings s = TestSpark.settings(dir, TestSpark.confDir());
    return new JobContext(TestSpark.get(), new Lake(TestSpark.get(), dir.toString()), s, Policy.load(s.confDir()),
        runId, asOf, period);
  }

  /** The same with some policy values replaced ({@code --set} semantics). */
  public static JobContext context(Path dir, String runId, Period period, LocalDate asOf, Map<String, String> set) {
    JobContext c = context(dir, runId, period, asOf);
    return new JobContext(c.spark(), c.lake(), c.settings(), c.policy().withOverrides(set), runId, asOf, period);
  }

  private static Object convert(Object v, StructField f) {
    if (v == null) {
      return null;
    }
    DataType t = f.dataType();
    if (t instanceof DecimalType && !(v instanceof BigDecimal)) {
      return new BigDecimal(v.toString());
    }
    if (t.equals(DataTypes.DateType) && !(v instanceof Date)) {
      return Date.valueOf(LocalDate.parse(v.toString()));
    }
    if (t.equals(DataTypes.LongType) && v instanceof Integer i) {
      return i.longValue();
    }
    return v;
  }
}
