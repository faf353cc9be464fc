package org.yibao.lake.tests.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yibao.lake.cli.Yibao;
import org.yibao.lake.tests.TestSpark;
import picocli.CommandLine;

/**
 * The scheduler examples in {@code deploy/} work as far as this machine can show: the systemd units pass
 * {@code systemd-analyze verify}, the Airflow DAG and the DolphinScheduler workflow parse, every yibao call
 * they make is a valid command line, and the wrapper maps exit codes to retry (1) or stop (2, 3) — run for
 * real against a stand-in yibao that exits as told.
 */
class DeployExamplesTest {
  @TempDir Path tmp;
  static final Path DEPLOY = TestSpark.projectDir().resolve("deploy");
  static final Path WRAPPER = DEPLOY.resolve("bin/yibao-nightly");

  record Result(int exit, String out) {}

  private static Result exec(Map<String, String> env, String... cmd) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(p.waitFor(), out);
  }

  @Test
  void systemdUnitsVerify() throws Exception {
    List<String> cmd = new ArrayList<>(List.of("systemd-analyze", "verify", "--man=no"));
    for (String unit : List.of("yibao-nightly.service", "yibao-nightly.timer", "yibao-alert@.service")) {
      // installed paths point into this checkout; user and environment file are the machine's own
      String text = Files.readString(DEPLOY.resolve("systemd").resolve(unit))
          .replace("/opt/yibao-lake", TestSpark.projectDir().toString())
          .replaceAll("(?m)^User=.*$", "User=root").replaceAll("(?m)^Group=.*$", "Group=root")
          .replaceAll("(?m)^EnvironmentFile=", "EnvironmentFile=-");
      Files.writeString(tmp.resolve(unit), text);
      cmd.add(tmp.resolve(unit).toString());
    }
    Result r = exec(Map.of(), cmd.toArray(String[]::new));
    assertEquals(0, r.exit(), r.out());
    assertEquals("", r.out().strip(), "systemd-analyze has no warning");
  }

  /** The stand-in: appends its arguments to calls.log and exits with the next code of codes.txt. */
  private Map<String, String> fakeYibao(String... codes) throws IOException {
    Path fake = tmp.resolve("yibao");
    Files.writeString(fake, "#!/usr/bin/env bash\n"
        + "echo \"$*\" >> " + tmp.resolve("calls.log") + "\n"
        + "code=$(head -n 1 " + tmp.resolve("codes.txt") + "); sed -i 1d " + tmp.resolve("codes.txt") + "\n"
        + "exit \"$code\"\n");
    fake.toFile().setExecutable(true);
    Files.writeString(tmp.resolve("codes.txt"), String.join("\n", codes) + "\n");
    Files.deleteIfExists(tmp.resolve("calls.log"));
    return Map.of("YIBAO", fake.toString(), "YIBAO_LANDING", "/data/landing", "YIBAO_LAKE", "/data/lake",
        "YIBAO_PII_KEY", "not-a-real-key-0123456789", "YIBAO_SUMMARY_DIR", tmp.resolve("summaries").toString(),
        "YIBAO_RETRY_SECONDS", "0", "YIBAO_RETRIES", "2");
  }

  private List<String> calls() throws IOException {
    return Files.readAllLines(tmp.resolve("calls.log")).stream()
        .map(l -> l.replaceAll("--summary \\S+ ", "")).toList();
  }

  @Test
  void theWrapperRetriesTransientFailuresAndStopsOnConfigurationAndDataQuality() throws Exception {
    // ingest fails twice with exit 1 (transient), then succeeds; run succeeds
    assertEquals(0, exec(fakeYibao("1", "1", "0", "0"), WRAPPER.toString()).exit());
    assertEquals(List.of("ingest --landing /data/landing", "ingest --landing /data/landing",
        "ingest --landing /data/landing", "run"), calls());
    // a data-quality failure of ingest: no retry, run never starts, exit 3
    assertEquals(3, exec(fakeYibao("3"), WRAPPER.toString()).exit());
    assertEquals(List.of("ingest --landing /data/landing"), calls());
    // a configuration error of run: no retry, exit 2
    assertEquals(2, exec(fakeYibao("0", "2"), WRAPPER.toString()).exit());
    assertEquals(List.of("ingest --landing /data/landing", "run"), calls());
    // the lake is busy (another writer): retried like a transient failure, then the night goes on
    assertEquals(0, exec(fakeYibao("4", "0", "0"), WRAPPER.toString()).exit());
    assertEquals(List.of("ingest --landing /data/landing", "ingest --landing /data/landing", "run"), calls());
    // transient failures beyond the retries: exit 1 after three attempts
    assertEquals(1, exec(fakeYibao("1", "1", "1"), WRAPPER.toString()).exit());
    assertEquals(3, calls().size());
  }

  @Test
  void everyYibaoCallOfTheExamplesIsAValidCommandLine() throws Exception {
    List<List<String>> calls = new ArrayList<>();
    // the wrapper: `step NAME ARGS...`
    Matcher m = Pattern.compile("(?m)^step \\S+ (.+?) \\|\\|").matcher(Files.readString(WRAPPER));
    while (m.find()) {
      calls.add(List.of(m.group(1).replace("\"$LANDING\"", "/data/landing").split(" ")));
    }
    assertEquals(2, calls.size(), "the wrapper calls ingest and run");
    // the weekly upkeep of the cron example: `bin/yibao ARGS'`
    Matcher weekly = Pattern.compile("bin/yibao ([^']+)'").matcher(Files.readString(DEPLOY.resolve("cron/yibao-nightly")));
    assertTrue(weekly.find(), "the cron example runs the weekly maintain");
    calls.add(List.of(weekly.group(1).split(" ")));
    assertEquals("maintain", calls.get(2).get(0));
    // the Airflow DAG: its STEPS, read by Python's own parser
    Path dag = DEPLOY.resolve("airflow/yibao_nightly.py");
    Result py = exec(Map.of(), "python3", "-c", "import ast, json, sys\n"
        + "tree = ast.parse(open(sys.argv[1], encoding='utf-8').read())\n"
        + "steps = [ast.literal_eval(n.value) for n in tree.body if isinstance(n, ast.Assign)"
        + " and getattr(n.targets[0], 'id', '') == 'STEPS'][0]\n"
        + "print(json.dumps(steps))", dag.toString());
    assertEquals(0, py.exit(), py.out());
    JsonNode steps = new ObjectMapper().readTree(py.out());
    steps.fields().forEachRemaining(e -> {
      List<String> args = new ArrayList<>();
      e.getValue().forEach(a -> args.add(a.asText().replace("{landing}", "/data/landing")));
      calls.add(args);
    });
    for (List<String> call : calls) {
      List<String> args = new ArrayList<>(List.of("--summary", "/tmp/s.json"));
      args.addAll(call);
      // throws on an unknown command or option
      new CommandLine(new Yibao()).parseArgs(args.toArray(String[]::new));
    }
  }

  @Test
  void theDolphinSchedulerWorkflowAndTheCronLineCallTheWrapperWithoutRetry() throws Exception {
    JsonNode wf = new ObjectMapper().readTree(DEPLOY.resolve("dolphinscheduler/yibao_nightly.json").toFile());
    JsonNode task = wf.get("taskDefinitionList").get(0);
    assertEquals("SHELL", task.get("taskType").asText());
    assertTrue(task.get("taskParams").get("rawScript").asText().contains("/opt/yibao-lake/deploy/bin/yibao-nightly"));
    assertEquals(0, task.get("failRetryTimes").asInt(), "retries happen inside the wrapper, for exit 1 only");
    assertEquals(task.get("code").asLong(), wf.get("taskRelationList").get(0).get("postTaskCode").asLong());
    String cron = Files.readAllLines(DEPLOY.resolve("cron/yibao-nightly")).stream()
        .filter(l -> !l.startsWith("#") && l.matches("^[0-9*].*")).findFirst().orElseThrow();
    String[] f = cron.split("\\s+", 7);
    assertEquals("yibao", f[5], "a cron.d line names its user");
    assertTrue(f[6].contains("flock -n") && f[6].contains("/opt/yibao-lake/deploy/bin/yibao-nightly"), f[6]);
  }

  @Test
  void aUsageErrorStillLeavesASummaryForTheScheduler() throws Exception {
    Path summary = tmp.resolve("s.json");
    assertEquals(Yibao.USAGE, Yibao.execute("--summary", summary.toString(), "no-such-command"));
    JsonNode s = new ObjectMapper().readTree(summary.toFile());
    assertEquals(2, s.get("exit_code").asInt());
    assertEquals("usage_or_configuration_error", s.get("status").asText());
    assertTrue(s.get("error").asText().contains("no-such-command"), s.toString());
  }

  @Test
  void usageErrorsAreOneLineNamingWhatIsValid() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    java.io.PrintStream old = System.err;
    System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      assertEquals(Yibao.USAGE, Yibao.execute("--conf", "conf", "ingset"));
    } finally {
      System.setErr(old);
    }
    String first = err.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("");
    assertTrue(first.startsWith("error: unknown command 'ingset' for 'yibao'; commands: generate, ingest, run"), first);
    assertTrue(!err.toString(StandardCharsets.UTF_8).contains("index"), "no argument positions");
  }
}
