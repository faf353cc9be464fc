package org.yibao.lake.common.spark;

import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.yibao.lake.common.config.LakeSettings;

/** The one place a SparkSession is configured: Delta, quiet UI, fixed time zone, settings from conf. */
public final class Sparks {
  private Sparks() {}

  public static SparkSession session(LakeSettings settings, String appName) {
    SparkSession.Builder b = SparkSession.builder().appName(appName);
    // under spark-submit the master is already set (spark.master); otherwise it is ours (default local[*])
    if (System.getProperty("spark.master") == null) {
      b.master(settings.master());
    }
    defaults(System.getProperty("spark.master", settings.master())).forEach(b::config);
    settings.sparkConf().forEach(b::config);
    s3aFromEnvironment(settings.lake(), System.getenv()).forEach(b::config);
    return b.getOrCreate();
  }

  /** Settings every session needs; {@code conf/yibao.yml} spark: entries override them. */
  public static Map<String, String> defaults(String master) {
    Map<String, String> m = new java.util.TreeMap<>();
    m.put("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    m.put("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    m.put("spark.ui.enabled", "false");
    m.put("spark.ui.showConsoleProgress", "false");
    m.put("spark.sql.session.timeZone", "Asia/Shanghai");
    // unparseable dates become null (and are quarantined) instead of failing the job
    m.put("spark.sql.legacy.timeParserPolicy", "CORRECTED");
    m.put("spark.sql.ansi.enabled", "false");
    m.put("spark.sql.shuffle.partitions", "8");
    m.put("spark.sql.warehouse.dir", Path.of(System.getProperty("java.io.tmpdir"), "yibao-warehouse").toUri().toString());
    m.put("spark.databricks.delta.schema.autoMerge.enabled", "false");
    // the Delta log of a lake table holds hundreds of files, not millions: rebuilding a snapshot in
    // Delta's default 50 tasks cost more than the job it served
    m.put("spark.databricks.delta.snapshotPartitions", "4");
    if (master.startsWith("local")) {
      // On one machine a broadcast join keeps its hash relation in the driver's memory store until the
      // broadcast is cleaned; at the default page size (up to 64 MiB) each small dimension join pins a
      // whole page, and a long run of tiny jobs filled a 6 GiB heap with them.
      m.put("spark.buffer.pageSize", "2m");
      // the context cleaner frees broadcasts and shuffles only after a GC notices them
      m.put("spark.cleaner.periodicGC.interval", "5min");
      m.put("spark.driver.host", "127.0.0.1");
      m.put("spark.driver.bindAddress", "127.0.0.1");
    }
    return m;
  }

  /** S3 credentials come from the environment only, never from a file in the repository. */
  static Map<String, String> s3aFromEnvironment(String lake, Map<String, String> env) {
    Map<String, String> m = new java.util.TreeMap<>();
    if (lake.startsWith("s3a://") && env.containsKey("AWS_ACCESS_KEY_ID")) {
      m.put("spark.hadoop.fs.s3a.access.key", env.get("AWS_ACCESS_KEY_ID"));
      m.put("spark.hadoop.fs.s3a.secret.key", env.getOrDefault("AWS_SECRET_ACCESS_KEY", ""));
      m.put("spark.hadoop.fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    }
    return m;
  }
}
