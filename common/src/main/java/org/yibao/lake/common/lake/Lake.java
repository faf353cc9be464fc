package org.yibao.lake.common.lake;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.yibao.lake.common.table.TableId;

/**
 * The Delta lake at a root path (local or {@code s3a://}): table {@code layer.name} lives at
 * {@code <root>/<layer>/<name>}. Every write is one Delta transaction, so a crashed run leaves the
 * previous version intact.
 */
public final class Lake {
  private final SparkSession spark;
  private final String root;

  public Lake(SparkSession spark, String root) {
    this.spark = spark;
    this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
  }

  public SparkSession spark() {
    return spark;
  }

  public String root() {
    return root;
  }

  public String path(TableId t) {
    return root + "/" + t.layer() + "/" + t.name();
  }

  public boolean exists(TableId t) {
    return DeltaTable.isDeltaTable(spark, path(t));
  }

  /** Current Delta version, or -1 when the table does not exist yet. */
  public long version(TableId t) {
    // read from the transaction log directly: no Spark job, -1 when there is no table
    return org.apache.spark.sql.delta.DeltaLog.forTable(spark, path(t))
        .update(false, scala.Option.empty(), scala.Option.empty()).version();
  }

  /** The table at its current version; fails with a clear message when it has never been written. */
  public Dataset<Row> read(TableId t) {
    if (!exists(t)) {
      throw new MissingTableException(t, path(t));
    }
    return spark.read().format("delta").load(path(t));
  }

  /** The table as of a given version: what a job read is exactly what it recorded. */
  public Dataset<Row> read(TableId t, long version) {
    return spark.read().format("delta").option("versionAsOf", version).load(path(t));
  }

  /** Replaces the whole table in one transaction (schema may change). */
  public long overwrite(Dataset<Row> df, TableId t, List<String> partitionBy) {
    DataFrameWriter<Row> w = df.write().format("delta").mode("overwrite").option("overwriteSchema", "true");
    if (!partitionBy.isEmpty()) {
      w = w.partitionBy(partitionBy.toArray(String[]::new));
    }
    w.save(path(t));
    return version(t);
  }

  /**
   * Replaces exactly the rows matching {@code predicate} (Delta {@code replaceWhere}) in one
   * transaction: a rerun of a period replaces that period and nothing else.
   */
  public long replaceWhere(Dataset<Row> df, TableId t, String predicate, List<String> partitionBy) {
    if (!exists(t)) {
      return overwrite(df, t, partitionBy);
    }
    // mergeSchema: a column added by a new release joins the table instead of failing the first rerun
    df.write().format("delta").mode("overwrite").option("replaceWhere", predicate).option("mergeSchema", "true")
        .save(path(t));
    return version(t);
  }

  /**
   * Upserts {@code df} into the table on {@code keys} in one transaction (Delta MERGE): a key already there gets
   * the new row, a new key is inserted, nothing is deleted. Only the files holding a matched key are rewritten.
   */
  public long merge(Dataset<Row> df, TableId t, List<String> keys) {
    String on = keys.stream().map(k -> "t.`" + k + "` = s.`" + k + "`").collect(java.util.stream.Collectors.joining(" AND "));
    DeltaTable.forPath(spark, path(t)).as("t").merge(df.as("s"), on)
        .whenMatched().updateAll().whenNotMatched().insertAll().execute();
    return version(t);
  }

  public long append(Dataset<Row> df, TableId t) {
    df.write().format("delta").mode("append").option("mergeSchema", "true").save(path(t));
    return version(t);
  }

  /** Sets columns (SQL expressions) on the rows matching {@code condition}, in one transaction. */
  public long update(TableId t, String condition, java.util.Map<String, String> set) {
    java.util.Map<String, org.apache.spark.sql.Column> exprs = new java.util.LinkedHashMap<>();
    set.forEach((k, v) -> exprs.put(k, org.apache.spark.sql.functions.expr(v)));
    DeltaTable.forPath(spark, path(t)).update(org.apache.spark.sql.functions.expr(condition), exprs);
    return version(t);
  }

  /** Every Delta table under the root, sorted by name. */
  public List<TableId> list() {
    List<TableId> out = new ArrayList<>();
    try {
      Path rootPath = new Path(root);
      FileSystem fs = FileSystem.get(URI.create(root.contains("://") ? root : rootPath.toUri().toString()),
          spark.sparkContext().hadoopConfiguration());
      for (String layer : TableId.LAYERS) {
        Path lp = new Path(rootPath, layer);
        if (!fs.exists(lp)) {
          continue;
        }
        for (FileStatus st : fs.listStatus(lp)) {
          if (st.isDirectory() && fs.exists(new Path(st.getPath(), "_delta_log"))) {
            out.add(new TableId(layer, st.getPath().getName()));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the lake at " + root, e);
    }
    out.sort(null);
    return out;
  }

  /** Registers every table in the session catalog so Spark SQL can say {@code ods.setl}. */
  public void registerCatalog() {
    registerCatalog(t -> true);
  }

  /** Registers the tables {@code visible} accepts; the others cannot be named in Spark SQL. */
  public void registerCatalog(java.util.function.Predicate<TableId> visible) {
    for (TableId t : list()) {
      if (!visible.test(t)) {
        continue;
      }
      spark.sql("CREATE DATABASE IF NOT EXISTS " + t.layer());
      spark.sql("CREATE TABLE IF NOT EXISTS " + t + " USING delta LOCATION '" + path(t).replace("'", "\\'") + "'");
    }
  }

  /** A table a job needs has never been written. */
  public static final class MissingTableException extends IllegalStateException {
    public MissingTableException(TableId t, String path) {
      super(org.yibao.lake.common.table.Tables.isKnown(t)
          ? "table " + t + " has not been written to this lake yet (" + path + "); `yibao tables` lists what it holds"
          : "no table named " + t + "; `yibao tables` lists the lake's tables (layers "
              + String.join(", ", new java.util.TreeSet<>(TableId.LAYERS)) + ")");
    }
  }
}
