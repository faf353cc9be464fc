package org.yibao.lake.cli;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.spark.sql.SparkSession;
import org.yibao.lake.common.config.LakeSettings;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.Period;
import org.yibao.lake.common.lake.Lake;
import org.yibao.lake.common.policy.Policy;
import org.yibao.lake.common.spark.Sparks;

/**
 * What a subcommand needs, built from the global options: settings validated (and policy loaded)
 * before the SparkSession starts, then the session and the lake.
 */
final class CliContext implements AutoCloseable {
  final LakeSettings settings;
  final Policy policy;
  final String runId;
  private final Yibao root;
  private SparkSession spark;
  private Lake lake;
  private org.yibao.lake.common.lake.LakeLock lock;

  private CliContext(LakeSettings settings, Policy policy, String command, Yibao root) {
    this.settings = settings;
    this.policy = policy;
    this.runId = newRunId(command);
    this.root = root;
    if (root != null) {
      root.runIds.add(runId);
    }
  }

  static CliContext open(Yibao root, String command) {
    return open(root, command, System.getenv());
  }

  static CliContext open(Yibao root, String command, Map<String, String> env) {
    LakeSettings s = LakeSettings.load(new LakeSettings.Overrides(root.lake, root.conf, root.master), env);
    Policy p = Policy.load(s.confDir());
    return new CliContext(s, p, command, root);
  }

  /**
   * {@link #open} for a command that writes the lake: the writer lock is taken before anything else
   * ({@code ingest} and {@code demo} may create the lake; the others only write one that exists).
   */
  static CliContext openWriter(Yibao root, String command) {
    return openWriter(root, command, System.getenv());
  }

  static CliContext openWriter(Yibao root, String command, Map<String, String> env) {
    CliContext c = open(root, command, env);
    c.writableLake(command.equals("ingest") || command.equals("demo"));
    return c;
  }

  static CliContext of(LakeSettings settings, String command) {
    return new CliContext(settings, Policy.load(settings.confDir()), command, null);
  }

  SparkSession spark() {
    if (spark == null) {
      spark = Sparks.session(settings, "yibao " + runId);
    }
    return spark;
  }

  Lake lake() {
    if (lake == null) {
      lake = new Lake(spark(), settings.lake());
      if (root != null) {
        root.openedLake = lake;
      }
    }
    return lake;
  }

  /**
   * The lake, for a command that writes it: takes the single-writer lock first (a second writer ends with
   * exit 4, the lake untouched); {@link #close} releases it.
   */
  Lake writableLake(boolean mayCreate) {
    if (lock == null) {
      lock = org.yibao.lake.common.lake.LakeLock.acquire(settings.lake(), runId,
          spark().sparkContext().hadoopConfiguration(), mayCreate);
    }
    return lake();
  }

  JobContext jobContext(Period period, LocalDate asOf) {
    return new JobContext(spark(), lake(), settings, policy, runId, asOf, period);
  }

  /** Run ids name the command and when it started (operational metadata, never business logic). */
  static String newRunId(String command) {
    byte[] r = new byte[2];
    ThreadLocalRandom.current().nextBytes(r);
    return command + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
        + HexFormat.of().formatHex(r);
  }

  @Override
  public void close() {
    // the session is left to the JVM's shutdown hook: stopping it here costs seconds for nothing
    if (lock != null) {
      lock.close();
      lock = null;
    }
  }
}
