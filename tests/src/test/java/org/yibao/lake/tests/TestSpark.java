package org.yibao.lake.tests;

import com.holdenkarau.spark.testing.SparkSessionProvider$;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.yibao.lake.common.config.LakeSettings;
import org.yibao.lake.common.spark.Sparks;

/**
 * The one SparkSession of the test JVM (local[2], Delta, 2 shuffle partitions), shared with
 * spark-testing-base's DataFrame comparisons.
 */
public final class TestSpark {
  public static final String PII_KEY = "test-only-pii-key-0123456789";
  private static SparkSession session;

  private TestSpark() {}

  public static synchronized SparkSession get() {
    if (session == null) {
      SparkSession.Builder b = SparkSession.builder().appName("yibao-tests").master("local[2]");
      Sparks.defaults("local[2]").forEach(b::config);
      b.config("spark.sql.shuffle.partitions", "1")
          .config("spark.sql.adaptive.enabled", "false")
          .config("spark.default.parallelism", "2")
          .config("spark.databricks.delta.snapshotPartitions", "2")
          .config("spark.sql.warehouse.dir", Path.of("target/spark-warehouse").toAbsolutePath().toUri().toString());
      session = b.getOrCreate();
      SparkSessionProvider$.MODULE$._sparkSession_$eq(session);
    }
    return session;
  }

  /** The repository's conf/ folder (tests run against the real configuration). */
  public static Path confDir() {
    return projectDir().resolve("conf");
  }

  public static Path projectDir() {
    String dir = System.getProperty("yibao.project.dir");
    return dir != null ? Path.of(dir) : Path.of("..").toAbsolutePath().normalize();
  }

  /** Settings for a lake in {@code lake}, with the real conf/ unless another is given. */
  public static LakeSettings settings(Path lake, Path conf) {
    return LakeSettings.load(new LakeSettings.Overrides(lake.toString(), conf, "local[2]"),
        Map.of(LakeSettings.ENV_PII_KEY, PII_KEY));
  }
}
