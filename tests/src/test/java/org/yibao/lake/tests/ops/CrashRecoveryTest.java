package org.yibao.lake.tests.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.yibao.lake.cli.Yibao;
import org.yibao.lake.common.lake.Lake;
import org.yibao.lake.common.lake.LakeLock;
import org.yibao.lake.common.ops.KillPoint;
import org.yibao.lake.common.table.TableId;
import org.yibao.lake.common.table.Tables;
import org.yibao.lake.tests.HandMadeProvince;
import org.yibao.lake.tests.TestSpark;

/**
 * Crashes (issue 12): a real {@code yibao} process is killed with SIGKILL at a named place
 * ({@link KillPoint}) — between the ods writes of a landing batch and its {@code ops.batch} record, and in a
 * nightly run after a job wrote its table but before the run was recorded — then the same commands are run
 * again, and the whole lake (every table's rows, {@code ops.batch}, the quarantine and the reconciliation) must
 * equal that of a lake that was never interrupted. Landing: the hand-made province's dimensions and its two
 * settlement batches (corrections, a reversal, duplicates in and across batches, one bad row per rule).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashRecoveryTest {
  @TempDir static Path tmp;
  Path landing;
  Path reference;
  Path crashed;
  int referenceIngestExit;
  int ingestKilledExit;
  boolean lockLeftBehind;
  boolean opsBatchHeldBatchOne;
  int rerunIngestExit;
  int runKilledExit;
  boolean dwsWrittenBeforeTheKill;

  @BeforeAll
  void crashAndRerun() throws Exception {
    TestSpark.get();
    landing = tmp.resolve("landing");
    HandMadeProvince.write(landing);
    // only what dwd.setl and dws.fund_expenditure_month need: keeps the killed processes short
    try (Stream<Path> tables = Files.list(landing)) {
      for (Path t : tables.toList()) {
        if (!List.of("admdvs", "medins", "setl").contains(t.getFileName().toString())) {
          deleteTree(t);
        }
      }
    }
    reference = tmp.resolve("reference");
    referenceIngestExit = cli("--lake", reference.toString(), "ingest", "--landing", landing.toString());
    assertEquals(0, cli("--lake", reference.toString(), "run", "--job", "dws.fund_expenditure_month"));

    crashed = tmp.resolve("crashed");
    ingestKilledExit = killedProcess("ingest-before-ops-batch", "ingest", "--landing", landing.toString());
    lockLeftBehind = Files.exists(crashed.resolve(LakeLock.FILE));
    Lake lake = new Lake(TestSpark.get(), crashed.toString());
    opsBatchHeldBatchOne = lake.exists(Tables.OPS_BATCH) && lake.read(Tables.OPS_BATCH).count() > 0;
    rerunIngestExit = cli("--lake", crashed.toString(), "ingest", "--landing", landing.toString());
    runKilledExit = killedProcess("job-written:dws.fund_expenditure_month", "run", "--job",
        "dws.fund_expenditure_month");
    dwsWrittenBeforeTheKill = lake.exists(Tables.DWS_FUND_EXPENDITURE_MONTH);
    assertEquals(0, cli("--lake", crashed.toString(), "run", "--job", "dws.fund_expenditure_month"));
  }

  /** {@code yibao --lake crashed <args>} in its own JVM with {@link KillPoint#ENV} set; its exit code. */
  private int killedProcess(String place, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "@" + TestSpark.projectDir().resolve("bin/jvm.options"), "-cp", System.getProperty("java.class.path"),
        Yibao.class.getName(), "--conf", TestSpark.confDir().toString(), "--lake", crashed.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("killed-" + place.replace(':', '_') + ".log").toFile());
    pb.environment().put(KillPoint.ENV, place);
    Process p = pb.start();
    assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the process to be killed at " + place + " never ended");
    return p.exitValue();
  }

  private static int cli(String... args) {
    List<String> all = new ArrayList<>(List.of("--conf", TestSpark.confDir().toString()));
    all.addAll(List.of(args));
    return Yibao.execute(all.toArray(String[]::new));
  }

  @Test
  void theProcessesReallyDiedAtTheirPlaces() {
    // 128 + 9: killed by SIGKILL, after the ods writes of batch 1 and before ops.batch recorded any of them
    assertEquals(137, ingestKilledExit);
    assertTrue(lockLeftBehind, "a killed writer cannot remove its lock");
    assertFalse(opsBatchHeldBatchOne, "ops.batch must not have been written before the kill");
    assertEquals(137, runKilledExit);
    assertTrue(dwsWrittenBeforeTheKill, "the run was killed after dws.fund_expenditure_month was written");
  }

  @Test
  void theRerunIngestEndsLikeTheUninterruptedOne() {
    assertEquals(referenceIngestExit, rerunIngestExit);
  }

  @Test
  void everyTableEqualsTheLakeThatWasNeverInterrupted() {
    Lake ref = new Lake(TestSpark.get(), reference.toString());
    Lake got = new Lake(TestSpark.get(), crashed.toString());
    List<String> refTables = ref.list().stream().map(TableId::toString).sorted().toList();
    assertEquals(refTables, got.list().stream().map(TableId::toString).sorted().toList());
    assertTrue(refTables.containsAll(List.of("ods.setl", "dwd.setl", "dq.quarantine", "ops.batch",
        "dws.fund_expenditure_month")), refTables.toString());
    Map<String, String> differences = new TreeMap<>();
    for (TableId t : ref.list()) {
      if (t.equals(Tables.OPS_JOB_RUN)) {
        continue; // a log of runs: the crashed lake has the reruns' rows, compared below by job
      }
      Dataset<Row> a = comparable(ref.read(t));
      Dataset<Row> b = comparable(got.read(t));
      long missing = a.exceptAll(b).count();
      long extra = b.exceptAll(a).count();
      if (missing + extra > 0 || a.count() == 0 && !t.equals(Tables.OPS_REFRESH)) {
        differences.put(t.toString(), "rows " + a.count() + " vs " + b.count() + ", missing " + missing + ", extra "
            + extra);
      }
    }
    assertEquals(Map.of(), differences);
  }

  @Test
  void everyJobWasRecordedOnceAsInTheReference() {
    // the killed run recorded nothing: its job is recorded once, by the rerun
    List<Row> ref = jobs(new Lake(TestSpark.get(), reference.toString()));
    List<Row> got = jobs(new Lake(TestSpark.get(), crashed.toString()));
    assertEquals(ref, got);
  }

  /**
   * A storage that refuses writes (a read-only mount, a full disk): the table's log directory made immutable
   * ({@code chattr +i}, which holds even for root), then the job that writes it is run again. Exit 1 with one line,
   * no stack trace, and the table still at its version with its rows. Skipped where the file system has no
   * immutable flag.
   */
  @Test
  void aStorageThatRefusesWritesEndsInOneLineAndLeavesTheTableAsItWas() throws Exception {
    // a copy of the uninterrupted lake, so that the other tests' lakes keep their history
    Path copy = tmp.resolve("refusing");
    try (Stream<Path> s = Files.walk(reference)) {
      for (Path f : s.toList()) {
        Files.copy(f, copy.resolve(reference.relativize(f).toString()));
      }
    }
    Lake lake = new Lake(TestSpark.get(), copy.toString());
    TableId t = Tables.DWS_FUND_EXPENDITURE_MONTH;
    Path log = Path.of(lake.path(t)).resolve("_delta_log");
    boolean immutable = run("chattr", "+i", log.toString()) == 0 && probeImmutable(log);
    if (!immutable) {
      run("chattr", "-i", log.toString());
    }
    assumeTrue(immutable, "no immutable flag on this file system");
    long version = lake.version(t);
    long rows = lake.read(t).count();
    java.io.PrintStream oldErr = System.err;
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    int exit;
    try {
      System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
      exit = cli("--lake", copy.toString(), "run", "--job", t.toString(), "--full");
    } finally {
      System.setErr(oldErr);
      run("chattr", "-i", log.toString());
    }
    List<String> errors = err.toString(java.nio.charset.StandardCharsets.UTF_8).lines()
        .filter(l -> l.startsWith("error:")).toList();
    assertEquals(1, exit);
    // the I/O branch of the CLI: one line naming the failure and what to do, no stack trace
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).startsWith("error: input/output failure (")
        && errors.get(0).contains("run the same command again"), errors.get(0));
    assertEquals(version, lake.version(t));
    assertEquals(rows, lake.read(t).count());
    // the storage fixed, the same command succeeds
    assertEquals(0, cli("--lake", copy.toString(), "run", "--job", t.toString(), "--full"));
  }

  /** True when a file cannot be created in {@code dir} (its immutable flag holds). */
  private static boolean probeImmutable(Path dir) {
    try {
      Files.delete(Files.createFile(dir.resolve("probe")));
      return false;
    } catch (java.io.IOException e) {
      return true;
    }
  }

  private static int run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor();
  }

  private static List<Row> jobs(Lake lake) {
    return lake.read(Tables.OPS_JOB_RUN).groupBy("job", "status").count().orderBy("job", "status").collectAsList();
  }

  /** The table without what differs between two runs by nature: run ids, timestamps, durations, versions. */
  private static Dataset<Row> comparable(Dataset<Row> df) {
    List<String> drop = new ArrayList<>();
    for (StructField f : df.schema().fields()) {
      String n = f.name();
      if (f.dataType().equals(DataTypes.TimestampType) || n.contains("run_id") || n.endsWith("_run") || n.endsWith("_ms")
          || n.endsWith("_version") || n.equals("input_versions")) {
        drop.add(n);
      }
    }
    return df.drop(drop.toArray(String[]::new));
  }

  private static void deleteTree(Path p) throws Exception {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
    assertFalse(new File(p.toString()).exists());
  }
}
