package org.yibao.lake.tests.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.yibao.lake.cli.Yibao;
import org.yibao.lake.common.config.LakeSettings;
import org.yibao.lake.common.job.Job;
import org.yibao.lake.common.job.JobContext;
import org.yibao.lake.common.job.JobRunner;
import org.yibao.lake.common.job.Period;
import org.yibao.lake.common.lake.Lake;
import org.yibao.lake.common.policy.Policy;
import org.yibao.lake.common.table.TableId;
import org.yibao.lake.common.table.Tables;
import org.yibao.lake.ingest.IngestPipeline;
import org.yibao.lake.jobs.JobCatalog;
import org.yibao.lake.tests.HandMadeProvince;
import org.yibao.lake.tests.TestSpark;

/**
 * No PII in clear: the hand-made province (names 张三 and 李四, three ID numbers) is ingested, the dwd and dws
 * jobs run and tables are exported through the CLI, while every log line is captured; then every file the
 * lake holds, every row of every table, the logs and the exports are searched for a name or an ID number.
 * The pseudonym is checked against an HMAC-SHA256 computed here, and the person-level refusals of
 * {@code export} and of {@code sql} in analyst mode are tried on a lake that holds those tables.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrivacyTest {
  @TempDir static Path tmp;
  Lake lake;
  Path lakeDir;
  final StringWriter logs = new StringWriter();
  final ByteArrayOutputStream cliErr = new ByteArrayOutputStream();
  final List<Path> exports = new ArrayList<>();

  static final List<String> CLEAR = List.of("张三", "李四", "990101195001011234", "990101198502022345",
      "990102199003033456");

  @BeforeAll
  void ingestRunAndExportWhileCapturingLogs() throws Exception {
    LoggerContext lc = (LoggerContext) LogManager.getContext(false);
    Configuration cfg = lc.getConfiguration();
    WriterAppender capture = WriterAppender.createAppender(PatternLayout.newBuilder().withPattern("%c %m%n").build(),
        null, logs, "privacy-capture", false, true);
    capture.start();
    cfg.addAppender(capture);
    LoggerConfig yibao = cfg.getLoggerConfig("yibao");
    Level was = yibao.getLevel();
    yibao.setLevel(Level.INFO);
    yibao.addAppender(capture, Level.ALL, null);
    cfg.getRootLogger().addAppender(capture, Level.ALL, null);
    lc.updateLoggers();
    PrintStream oldErr = System.err;
    System.setErr(new PrintStream(cliErr, true, StandardCharsets.UTF_8));
    try {
      lakeDir = tmp.resolve("lake");
      LakeSettings settings = TestSpark.settings(lakeDir, TestSpark.confDir());
      lake = new Lake(TestSpark.get(), lakeDir.toString());
      HandMadeProvince.write(tmp.resolve("landing"));
      new IngestPipeline(lake, settings, "priv-1", "test").ingest(tmp.resolve("landing").toString());
      JobCatalog catalog = new JobCatalog();
      List<Job> jobs = new ArrayList<>(catalog.group("dwd"));
      jobs.addAll(catalog.group("dws"));
      JobRunner.runAll(jobs, new JobContext(TestSpark.get(), lake, settings, Policy.load(settings.confDir()),
          "priv-1", LocalDate.of(2024, 1, 3), Period.ALL));
      for (String t : List.of("dws.fund_expenditure_month", "dim.admdvs", "ops.batch")) {
        Path out = tmp.resolve("export-" + t + ".csv");
        assertEquals(Yibao.OK, cli("export", t, "--out", out.toString()));
        exports.add(out);
      }
    } finally {
      System.setErr(oldErr);
      yibao.removeAppender("privacy-capture");
      yibao.setLevel(was);
      cfg.getRootLogger().removeAppender("privacy-capture");
      lc.updateLoggers();
    }
  }

  private int cli(String... args) {
    List<String> all = new ArrayList<>(List.of("--conf", TestSpark.confDir().toString(), "--lake",
        lakeDir.toString(), "--master", "local[2]"));
    all.addAll(List.of(args));
    return Yibao.execute(all.toArray(String[]::new));
  }

  @Test
  void thePseudonymIsTheHmacOfTheKeyAndAnotherKeyGivesAnother() throws Exception {
    String p001 = lake.read(Tables.DWD_PSN).filter(functions.col("psn_no").equalTo("P001")).select("certno_hash")
        .head().getString(0);
    assertEquals(hmac(TestSpark.PII_KEY, "990101195001011234"), p001);
    assertNotEquals(hmac("another-bureau-key-0123456789", "990101195001011234"), p001);
    assertEquals(64, p001.length());
  }

  private static String hmac(String key, String value) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void noNameOrIdNumberInAnyFileRowLogOrExport() throws Exception {
    // every byte of every file of the lake: Delta logs (with column statistics), checkpoints, Parquet
    try (Stream<Path> files = Files.walk(lakeDir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertClean(new String(Files.readAllBytes(f), StandardCharsets.UTF_8), f.toString());
      }
    }
    // every row of every table, decompressed
    for (TableId t : lake.list()) {
      for (Row r : lake.read(t).toJSON().collectAsList().stream().map(s -> org.apache.spark.sql.RowFactory.create(s))
          .toList()) {
        assertClean(r.getString(0), t.toString());
      }
    }
    assertTrue(lake.list().contains(Tables.DQ_QUARANTINE) && lake.list().contains(Tables.DWD_PSN));
    assertTrue(logs.toString().contains("job=dwd.psn"), "the logs were captured");
    assertClean(logs.toString(), "logs");
    assertClean(cliErr.toString(StandardCharsets.UTF_8), "CLI stderr");
    for (Path e : exports) {
      assertClean(Files.readString(e), e.toString());
    }
  }

  private static void assertClean(String text, String where) {
    for (String c : CLEAR) {
      assertTrue(!text.contains(c), "'" + c + "' in clear in " + where);
    }
  }

  @Test
  void exportRefusesPersonLevelTablesThatExist() {
    for (String t : List.of("dwd.psn", "ods.psn", "dq.quarantine", "dwd.setl")) {
      assertTrue(lake.exists(TableId.parse(t)), t + " is in the lake, so only the refusal can stop the export");
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      PrintStream old = System.err;
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      try {
        assertEquals(Yibao.USAGE, cli("export", t, "--out", tmp.resolve(t + ".csv").toString()));
      } finally {
        System.setErr(old);
      }
      assertTrue(err.toString(StandardCharsets.UTF_8).contains("person-level"), err.toString(StandardCharsets.UTF_8));
      assertTrue(!Files.exists(tmp.resolve(t + ".csv")));
    }
  }

  @Test
  void sqlInAnalystModeSeesOnlyWhatExportMayExport() throws Exception {
    Path conf = tmp.resolve("analyst-conf");
    copy(TestSpark.confDir(), conf);
    Path yml = conf.resolve("yibao.yml");
    Files.writeString(yml, Files.readString(yml).replace("sql_access: operator", "sql_access: analyst"));
    List<String> base = List.of("--conf", conf.toString(), "--lake", lakeDir.toString(), "--master", "local[2]");
    // operator mode (the repository's conf) reads dwd.psn; analyst mode cannot, by name, by path or by a command
    assertEquals(Yibao.OK, cli("sql", "SELECT count(*) FROM dwd.psn", "--format", "csv"));
    for (String q : List.of("SELECT count(*) FROM dwd.psn",
        "SELECT count(*) FROM delta.`" + lakeDir.resolve("dwd/psn") + "`",
        "CREATE TABLE x USING delta LOCATION '" + lakeDir.resolve("dwd/psn") + "'")) {
      List<String> a = new ArrayList<>(base);
      a.addAll(List.of("sql", q, "--format", "csv"));
      assertEquals(Yibao.USAGE, Yibao.execute(a.toArray(String[]::new)), q);
    }
    List<String> ok = new ArrayList<>(base);
    ok.addAll(List.of("sql", "SELECT count(*) FROM dws.fund_expenditure_month", "--format", "csv"));
    assertEquals(Yibao.OK, Yibao.execute(ok.toArray(String[]::new)));
  }

  private static void copy(Path from, Path to) throws Exception {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path dest = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest);
        }
      }
    }
  }
}
