package org.yibao.lake.tests.ops;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.yibao.lake.cli.Yibao;
import org.yibao.lake.common.lake.Lake;
import org.yibao.lake.common.lake.LakeLock;
import org.yibao.lake.common.ops.KillPoint;
import org.yibao.lake.common.table.Tables;
import org.yibao.lake.tests.TestSpark;
import org.yibao.lake.tests.budget.BudgetLanding;

/**
 * A lake on a real S3 endpoint (issue 12, "Real S3"): S3Proxy (filesystem backend) on 127.0.0.1, in its own JVM so
 * that its Jetty never meets Spark's, and real {@code yibao} processes on {@code s3a://bureau/lake} that get the keys
 * from the environment only: {@code ingest}, the nightly {@code run} of {@code dws}, {@code budget compile}, {@code export}, and an
 * {@code ingest} killed before its {@code ops.batch} record then run again. Landing: {@link BudgetLanding}, the
 * hand-made landing whose settlements close 2024 (budget 2025 compiles) and that lands every table the budget reads;
 * its second batch (two reversals) is the one killed and rerun. The S3 lake must hold the figures worked by hand for
 * that landing in {@code BudgetGuardTest} (same commands on a local lake).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3LakeTest {
  static final String BUCKET = "bureau";
  static final String LAKE = "s3a://" + BUCKET + "/lake";

  @TempDir static Path tmp;
  Path basedir;
  Path logs;
  Process s3proxy;
  int port;
  String accessKey;
  String secretKey;
  Path s3conf;

  List<Integer> s3Exits = new ArrayList<>();
  boolean lockLeftInTheBucket;
  boolean lockLeftAfterRerun;

  @BeforeAll
  void startS3ProxyAndRunTheCommands() throws Exception {
    TestSpark.get();
    logs = Files.createDirectories(tmp.resolve("logs"));
    startS3Proxy();
    StringBuilder endpoint = new StringBuilder();
    s3aSettings().forEach((k, v) -> endpoint.append("  spark.hadoop.fs.s3a.").append(k).append(": \"").append(v)
        .append("\"\n"));
    s3conf = conf("conf-s3", endpoint.toString());
    Path landing1 = landing("landing1");
    // the same landing after batch 2 arrived (batch 1 is skipped as ingested already)
    Path landing2 = landing("landing2");
    BudgetLanding.writeReversals(landing2);

    s3Exits.add(s3("ingest", null, "ingest", "--landing", landing1.toString()));
    // the nightly refresh of the jobs the budget reads; flows and indicators write through the same Lake code and
    // would add ~2.5 min (a whole night took 2 min 32 s against S3Proxy by hand)
    s3Exits.add(s3("run", null, "run", "--job", "dws"));
    s3Exits.add(s3("compile", null, "budget", "compile", "--year", "2025", "--scenario", "base"));
    s3Exits.add(s3("export", null, "export", Tables.ADS_BUDGET_MEDCOMMUNITY.toString(), "--out",
        tmp.resolve("s3-export.csv").toString()));
    s3Exits.add(s3("ingest-killed", "ingest-before-ops-batch", "ingest", "--landing", landing2.toString()));
    // S3Proxy's filesystem backend keeps an object as a file under <basedir>/<bucket>/<key>
    lockLeftInTheBucket = Files.exists(basedir.resolve(BUCKET).resolve("lake").resolve(LakeLock.FILE));
    s3Exits.add(s3("ingest-rerun", null, "ingest", "--landing", landing2.toString()));
    lockLeftAfterRerun = Files.exists(basedir.resolve(BUCKET).resolve("lake").resolve(LakeLock.FILE));

    // this JVM reads the S3 lake too: per-bucket settings only, so the shared session's other lakes are untouched
    Configuration h = TestSpark.get().sparkContext().hadoopConfiguration();
    s3aSettings().forEach((k, v) -> h.set("fs.s3a.bucket." + BUCKET + "." + k, v));
    h.set("fs.s3a.bucket." + BUCKET + ".access.key", accessKey);
    h.set("fs.s3a.bucket." + BUCKET + ".secret.key", secretKey);
    h.set("fs.s3a.bucket." + BUCKET + ".aws.credentials.provider",
        "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
  }

  @AfterAll
  void stopS3Proxy() throws Exception {
    Configuration h = TestSpark.get().sparkContext().hadoopConfiguration();
    try {
      // the cached S3A client would point at a port nobody listens on any more
      FileSystem.get(URI.create("s3a://" + BUCKET + "/"), h).close();
    } finally {
      List<String> ours = new ArrayList<>();
      h.forEach(e -> {
        if (e.getKey().startsWith("fs.s3a.bucket." + BUCKET + ".")) {
          ours.add(e.getKey());
        }
      });
      ours.forEach(h::unset);
      if (s3proxy != null) {
        s3proxy.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
    // @TempDir removes the basedir, the conf copy and the logs after this
  }

  /** {@link BudgetLanding}'s batch 1 without {@code psn}: nothing the budget or the nightly jobs read (fewer writes). */
  private static Path landing(String name) throws IOException {
    Path root = tmp.resolve(name);
    BudgetLanding.write(root);
    try (Stream<Path> s = Files.walk(root.resolve("psn"))) {
      for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
    return root;
  }

  /** The s3a settings of the README's "A lake on an object store", for this endpoint. */
  private Map<String, String> s3aSettings() {
    Map<String, String> m = new TreeMap<>();
    m.put("endpoint", "http://127.0.0.1:" + port);
    m.put("path.style.access", "true");
    m.put("connection.ssl.enabled", "false");
    // Hadoop's default deletes the parent markers after every write: ~40 s each against S3Proxy
    m.put("directory.marker.retention", "keep");
    m.put("bucket.probe", "0");
    return m;
  }

  private void startS3Proxy() throws Exception {
    String cpFile = System.getProperty("yibao.s3proxy.classpath",
        TestSpark.projectDir().resolve("s3proxy/target/s3proxy.classpath").toString());
    assertTrue(Files.isRegularFile(Path.of(cpFile)),
        "no S3Proxy classpath at " + cpFile + ": build with mvn -pl tests -am (the s3proxy module writes it)");
    SecureRandom random = new SecureRandom();
    accessKey = "test-" + HexFormat.of().formatHex(random.generateSeed(8));
    secretKey = HexFormat.of().formatHex(random.generateSeed(20));
    basedir = tmp.resolve("s3");
    Files.createDirectories(basedir.resolve(BUCKET));
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path props = tmp.resolve("s3proxy.properties");
    Files.writeString(props, String.join("\n",
        "s3proxy.endpoint=http://127.0.0.1:" + port,
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + accessKey,
        "s3proxy.credential=" + secretKey,
        "jclouds.provider=filesystem",
        "jclouds.filesystem.basedir=" + basedir) + "\n");
    // without a configuration logback logs every request at DEBUG (a gigabyte over a run)
    Path logback = tmp.resolve("s3proxy-logback.xml");
    Files.writeString(logback, "<configuration><appender name=\"out\" class=\"ch.qos.logback.core.ConsoleAppender\">"
        + "<encoder><pattern>%d %-5level %logger - %msg%n</pattern></encoder></appender>"
        + "<root level=\"WARN\"><appender-ref ref=\"out\"/></root></configuration>\n");
    s3proxy = new ProcessBuilder(java(), "-Xmx512m", "-Dlogback.configurationFile=" + logback, "-cp",
        Files.readString(Path.of(cpFile)).trim(), "org.gaul.s3proxy.Main", "--properties", props.toString())
        .redirectErrorStream(true).redirectOutput(logs.resolve("s3proxy.log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        assertTrue(s3proxy.isAlive(), "S3Proxy ended: " + Files.readString(logs.resolve("s3proxy.log")));
        assertTrue(System.nanoTime() < deadline, "S3Proxy did not listen on " + port + " within 60 s");
        Thread.sleep(200);
      }
    }
  }

  /**
   * A copy of the repository's conf/ whose yibao.yml spark: block holds one shuffle partition (as in TestSpark: a
   * tiny lake written in 8 files per table costs 8 times the requests for nothing) and {@code extra}: for the S3
   * lake the endpoint settings, as the README shows.
   */
  private static Path conf(String name, String extra) throws IOException {
    Path conf = tmp.resolve(name);
    Path from = TestSpark.confDir();
    try (Stream<Path> s = Files.walk(from)) {
      for (Path f : s.toList()) {
        Files.copy(f, conf.resolve(from.relativize(f).toString()));
      }
    }
    Path yml = conf.resolve("yibao.yml");
    String text = Files.readString(yml);
    String changed = text.replace("\n  spark.sql.shuffle.partitions: \"8\"\n",
        "\n  spark.sql.shuffle.partitions: \"1\"\n" + extra);
    assertFalse(changed.equals(text), "conf/yibao.yml's spark: block no longer sets spark.sql.shuffle.partitions");
    Files.writeString(yml, changed);
    return conf;
  }

  /**
   * {@code yibao --lake s3a://bureau/lake <args>} in its own JVM with the keys in its environment (and nowhere
   * else); stdout and stderr kept in {@code logs/<name>.out|.err}. {@code killAt}: {@link KillPoint}'s place, or null.
   */
  private int s3(String name, String killAt, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx1g", "@" + TestSpark.projectDir().resolve("bin/jvm.options"),
        "-cp", System.getProperty("java.class.path"), Yibao.class.getName(), "--conf", s3conf.toString(),
        "--lake", LAKE));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(logs.resolve(name + ".out").toFile())
        .redirectError(logs.resolve(name + ".err").toFile());
    // YIBAO_PII_KEY comes from this JVM's environment (surefire sets it)
    pb.environment().put("AWS_ACCESS_KEY_ID", accessKey);
    pb.environment().put("AWS_SECRET_ACCESS_KEY", secretKey);
    if (killAt != null) {
      pb.environment().put(KillPoint.ENV, killAt);
    }
    Process p = pb.start();
    assertTrue(p.waitFor(10, TimeUnit.MINUTES), "yibao " + String.join(" ", args) + " never ended");
    return p.exitValue();
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  @Test
  void everyCommandEndedWithItsExitCode() throws IOException {
    // ingest, run, compile, export, then the killed ingest (128 + SIGKILL) and its rerun
    assertEquals(List.of(0, 0, 0, 0, 137, 0), s3Exits, "see " + lastLines(logs));
    assertTrue(Files.readString(logs.resolve("ingest-killed.err")).contains("killing this process (SIGKILL)"));
  }

  @Test
  void theBudgetCompiledOnS3HoldsTheFiguresWorkedByHand() {
    Lake s3 = new Lake(TestSpark.get(), LAKE);
    String run = s3.read(Tables.ADS_BUDGET_RUN).select("budget_run_id").first().getString(0);
    // worked by hand in BudgetGuardTest (same landing, same commands on a local lake):
    // E(2023) = 500.00, E(2024) = 1,300.00, no 2022 history: (2 × 500 + 7 × 1,300) / 9 = 1,122.222… → 1,122.22
    Row baseline = s3.read(Tables.ADS_BUDGET_BASELINE).filter(col("budget_run_id").equalTo(run)
        .and(col("admdvs").equalTo("990101")).and(col("insutype").equalTo("390"))
        .and(col("category").equalTo("outpatient_general"))).first();
    assertEquals(new BigDecimal("500.00"), baseline.getAs("e_y2_amt"));
    assertEquals(new BigDecimal("1300.00"), baseline.getAs("e_y1_amt"));
    assertEquals(new BigDecimal("1122.22"), baseline.getAs("baseline_amt"));
    // two-disease packages of MC1: 390 standard (2 × 400 + 7 × 450) / 9 = 438.89, 2 signed → 877.78, less 100.00
    // spent outside the members → 777.78; 310 (2 × 300 + 7 × 500) / 9 = 455.56 × 1 patient
    assertEquals(new BigDecimal("777.78"), twoDisease(s3, run, "390").getAs("package_amt"));
    assertEquals(new BigDecimal("455.56"), twoDisease(s3, run, "310").getAs("package_amt"));
  }

  private static Row twoDisease(Lake lake, String run, String insutype) {
    return lake.read(Tables.ADS_BUDGET_TWO_DISEASE).filter(col("budget_run_id").equalTo(run)
        .and(col("medcommunity_id").equalTo("MC1")).and(col("insutype").equalTo(insutype))).first();
  }

  @Test
  void theExportReadFromS3HoldsTheTablesRows() throws IOException {
    Path s3 = tmp.resolve("s3-export.csv");
    assertTrue(Files.isRegularFile(s3), "export wrote no file");
    List<String> lines = Files.readAllLines(s3);
    List<Row> rows = new Lake(TestSpark.get(), LAKE).read(Tables.ADS_BUDGET_MEDCOMMUNITY).collectAsList();
    assertFalse(rows.isEmpty());
    // a header, then one line per row of the table, each with its community and its package to the cent
    assertEquals(rows.size() + 1, lines.size(), lines.toString());
    for (Row r : rows) {
      String mc = r.getAs("medcommunity_id");
      String pkg = r.<BigDecimal>getAs("package_amt").toPlainString();
      assertTrue(lines.stream().anyMatch(l -> l.contains(mc) && l.contains(pkg)), pkg + " not in " + lines);
    }
  }

  @Test
  void theKilledIngestLeftItsLockAndTheRerunLandedTheBatchOnce() {
    assertTrue(lockLeftInTheBucket, "a killed writer cannot remove its lock");
    assertFalse(lockLeftAfterRerun, "the rerun took the lock over and released it");
    Lake s3 = new Lake(TestSpark.get(), LAKE);
    // batch 2's two reversals, each once
    assertEquals(List.of("R1", "R8"), s3.read(Tables.ods("setl")).filter(col("setl_id").isin("R1", "R8"))
        .select("setl_id").orderBy("setl_id").collectAsList().stream().map(r -> r.getString(0)).toList());
    // every table-batch recorded once, each ok and reconciled; batch 2 of setl among them
    Dataset<Row> batches = s3.read(Tables.OPS_BATCH);
    assertEquals(batches.count(), batches.select("source_table", "batch").distinct().count());
    assertEquals(0, batches.filter(col("status").notEqual("ok").or(col("is_reconciled").equalTo(false))).count());
    assertEquals(1, batches.filter(col("source_table").equalTo("setl").and(col("batch").equalTo(BudgetLanding.B2)))
        .count());
    // and dwd.setl saw them: each reversal marks its original (O1 of the closed 2023, O8 of 2025)
    Dataset<Row> setl = s3.read(Tables.DWD_SETL);
    assertEquals(2, setl.filter(col("setl_id").isin("R1", "R8").and(col("is_reversal"))).count());
    assertEquals(2, setl.filter(col("setl_id").isin("O1", "O8").and(col("is_reversed"))).count());
  }

  @Test
  void theSecretKeyIsInNoLogAndNoObject() throws IOException {
    byte[] secret = secretKey.getBytes(StandardCharsets.UTF_8);
    // the scan finds the key where it is: S3Proxy's own properties
    assertTrue(contains(Files.readAllBytes(tmp.resolve("s3proxy.properties")), secret));
    List<Path> scanned = new ArrayList<>();
    List<Path> found = new ArrayList<>();
    for (Path root : List.of(logs, basedir)) {
      try (Stream<Path> s = Files.walk(root)) {
        for (Path f : s.filter(Files::isRegularFile).toList()) {
          scanned.add(f);
          if (contains(Files.readAllBytes(f), secret)) {
            found.add(f);
          }
        }
      }
    }
    assertEquals(List.of(), found);
    // the processes' logs (6 × out and err) and the lake's objects were really there to scan
    assertTrue(scanned.stream().filter(f -> f.startsWith(logs)).count() >= 12, scanned.toString());
    assertTrue(scanned.stream().filter(f -> f.startsWith(basedir)).count() > 50, scanned.toString());
  }

  private static boolean contains(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /** The last stderr line of every process, for a failure message. */
  private static String lastLines(Path logs) throws IOException {
    StringBuilder b = new StringBuilder();
    try (Stream<Path> s = Files.list(logs)) {
      for (Path f : s.filter(p -> p.toString().endsWith(".err")).sorted().toList()) {
        List<String> l = Files.readAllLines(f);
        b.append('\n').append(f.getFileName()).append(": ").append(l.isEmpty() ? "" : l.get(l.size() - 1));
      }
    }
    return b.toString();
  }
}
