package org.yibao.lake.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yibao.lake.common.contract.ContractTable;
import org.yibao.lake.common.dq.DataQualityException;

/**
 * Reads the files of one landing batch as they came: every contract column as a string (renamed per
 * {@code landing.column_map}), the malformed line in {@code _corrupt_record}, and lineage
 * {@code _file} and {@code _row} (1-based line number after the header).
 */
final class LandingReader {
  private static final Logger LOG = LoggerFactory.getLogger("yibao.ingest");
  static final String CORRUPT = "_corrupt_record";

  private final SparkSession spark;

  LandingReader(SparkSession spark) {
    this.spark = spark;
  }

  Dataset<Row> read(LandingBatch batch, ContractTable table, Charset encoding, Map<String, String> columnMap) {
    Dataset<Row> all = null;
    for (String file : batch.files()) {
      Dataset<Row> df = file.endsWith(".parquet") ? parquet(file, columnMap) : csv(file, encoding, columnMap);
      df = rename(df, columnMap);
      List<String> missing = new ArrayList<>();
      for (String c : table.columns().keySet()) {
        if (!List.of(df.columns()).contains(c)) {
          missing.add(c);
        }
      }
      if (!missing.isEmpty()) {
        throw new DataQualityException("landing file " + file + " lacks contract column(s) " + missing
            + " of table " + table.name() + " (a site's own names are mapped in conf/yibao.yml landing.column_map)");
      }
      List<Column> cols = new ArrayList<>();
      for (String c : table.columns().keySet()) {
        cols.add(functions.col(c));
      }
      List<String> extra = new ArrayList<>(List.of(df.columns()));
      extra.removeAll(table.columns().keySet());
      extra.remove(CORRUPT);
      if (!extra.isEmpty()) {
        LOG.warn("table={} file={} ignores columns not in the contract: {}", table.name(), file, extra);
      }
      cols.add(functions.col(CORRUPT));
      df = withRowNumbers(df.select(cols.toArray(Column[]::new))).withColumn("_file", functions.lit(fileName(file)));
      all = all == null ? df : all.unionByName(df);
    }
    return all;
  }

  private Dataset<Row> csv(String file, Charset encoding, Map<String, String> columnMap) {
    EncodingCheck.file(file, encoding, spark.sparkContext().hadoopConfiguration());
    List<String> header = header(file, encoding);
    checkHeader(file, header, columnMap);
    StructType schema = new StructType();
    for (String h : header) {
      schema = schema.add(h, DataTypes.StringType);
    }
    schema = schema.add(CORRUPT, DataTypes.StringType);
    // the schema is built from this file's own header, so positional matching is exact
    return spark.read().option("header", "true").option("encoding", encoding.name()).option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", CORRUPT).option("multiLine", "false").schema(schema).csv(file);
  }

  private Dataset<Row> parquet(String file, Map<String, String> columnMap) {
    Dataset<Row> df = spark.read().parquet(file);
    checkHeader(file, List.of(df.columns()), columnMap);
    List<Column> cols = new ArrayList<>();
    for (String c : df.columns()) {
      // dates and timestamps render as the contract's text forms, so one typing path serves both formats
      cols.add(functions.col(c).cast(DataTypes.StringType).as(c));
    }
    cols.add(functions.lit(null).cast(DataTypes.StringType).as(CORRUPT));
    return df.select(cols.toArray(Column[]::new));
  }

  /**
   * A header that names a column twice, or two site columns that the column map sends to one contract
   * name, would make one value silently win: the file is refused with the names.
   */
  static void checkHeader(String file, List<String> header, Map<String, String> columnMap) {
    Map<String, String> lower = new LinkedHashMap<>();
    columnMap.forEach((k, v) -> lower.put(k.toLowerCase(), v));
    Map<String, String> seen = new LinkedHashMap<>();
    for (String h : header) {
      String target = lower.getOrDefault(h.toLowerCase(), h.toLowerCase());
      String before = seen.put(target, h);
      if (before != null) {
        throw new DataQualityException("landing file " + file + ": " + (before.equalsIgnoreCase(h)
            ? "column '" + h + "' appears twice in the header"
            : "columns '" + before + "' and '" + h + "' both map to contract column '" + target
                + "' (conf/yibao.yml landing.column_map)"));
      }
    }
  }

  private static Dataset<Row> rename(Dataset<Row> df, Map<String, String> columnMap) {
    Map<String, String> lower = new LinkedHashMap<>();
    columnMap.forEach((k, v) -> lower.put(k.toLowerCase(), v));
    for (String c : df.columns()) {
      String target = lower.getOrDefault(c.toLowerCase(), c.toLowerCase());
      if (!target.equals(c)) {
        df = df.withColumnRenamed(c, target);
      }
    }
    return df;
  }

  /**
   * Adds {@code _row}, the 1-based line number after the header. Spark numbers the rows of each input
   * partition ({@code monotonically_increasing_id} = partition id × 2^33 + position); a file's partitions
   * are its splits in byte order, so the row counts of the partitions before give the offset. A file read
   * as one partition needs no count; a larger one costs one counting pass, which reads no column.
   */
  private Dataset<Row> withRowNumbers(Dataset<Row> df) {
    Column position = functions.monotonically_increasing_id()
        .minus(functions.spark_partition_id().cast(DataTypes.LongType).multiply(1L << 33));
    int partitions = df.javaRDD().getNumPartitions();
    if (partitions <= 1) {
      return df.withColumn("_row", position.plus(1L));
    }
    List<Row> counts = df.select(functions.spark_partition_id().as("p")).groupBy("p").count().collectAsList();
    long[] perPartition = new long[partitions];
    for (Row r : counts) {
      perPartition[r.getInt(0)] = r.getLong(1);
    }
    List<Column> offsets = new ArrayList<>();
    long before = 0;
    for (int p = 0; p < partitions; p++) {
      offsets.add(functions.lit(p));
      offsets.add(functions.lit(before));
      before += perPartition[p];
    }
    Column offset = functions.element_at(functions.map(offsets.toArray(Column[]::new)), functions.spark_partition_id());
    return df.withColumn("_row", position.plus(offset).plus(1L));
  }

  private List<String> header(String file, Charset encoding) {
    try {
      Path p = new Path(file);
      FileSystem fs = FileSystem.get(URI.create(p.toUri().toString()), spark.sparkContext().hadoopConfiguration());
      CompressionCodec codec = new CompressionCodecFactory(spark.sparkContext().hadoopConfiguration()).getCodec(p);
      try (InputStream raw = fs.open(p);
          InputStream in = codec == null ? raw : codec.createInputStream(raw);
          BufferedReader r = new BufferedReader(new InputStreamReader(in, encoding))) {
        String line = r.readLine();
        if (line == null) {
          throw new DataQualityException("landing file " + file + " is empty (no header row)");
        }
        List<String> out = new ArrayList<>();
        for (String h : line.replace("\uFEFF", "").split(",", -1)) {
          out.add(h.trim().replace("\"", ""));
        }
        return out;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read header of " + file, e);
    }
  }

  private static String fileName(String file) {
    return file.substring(file.lastIndexOf('/') + 1);
  }
}
