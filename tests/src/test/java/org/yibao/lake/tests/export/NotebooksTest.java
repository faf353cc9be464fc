package org.yibao.lake.tests.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yibao.lake.cli.Yibao;
import org.yibao.lake.tests.TestSpark;
import org.yibao.lake.tests.workbook.WorkbookLake;

/**
 * The analysts' notebooks (notebooks/*.ipynb) are committed without outputs and run against a small generated
 * lake ({@link WorkbookLake}: budgets, indicators, flows, alerts, a settlement cycle): the data step of
 * notebooks/README.md — one {@code yibao export ... --dir} writing every CSV they read, so suppression and the
 * refusal of person-level tables apply — then one {@code jupyter nbconvert --execute} over the three notebooks
 * (Debian jupyter-nbconvert, python3-ipykernel, python3-pandas, python3-matplotlib in .ci/apt-packages).
 */
class NotebooksTest {
  static final List<String> NOTEBOOKS = List.of("budget_review.ipynb", "monitoring.ipynb", "settlement_review.ipynb");
  /** The tables of the data step, as notebooks/README.md lists them. */
  static final List<String> TABLES = List.of("ads.budget_run", "ads.budget_baseline", "ads.budget_city",
      "ads.indicator", "ads.flow_od", "ads.alert", "ads.budget_medcommunity", "ads.settlement_monthly",
      "ads.performance_score", "ads.settlement_year_end");

  @TempDir Path tmp;

  static Path notebooks() {
    return Path.of("..", "notebooks").toAbsolutePath().normalize();
  }

  @Test
  void notebooksAreCommittedWithoutOutputs() throws Exception {
    List<String> held = new ArrayList<>();
    for (String nb : NOTEBOOKS) {
      held.addAll(outputs(notebooks().resolve(nb)));
    }
    assertTrue(held.isEmpty(), "clear the outputs before committing (jupyter nbconvert --clear-output --inplace): "
        + held);
  }

  /** The code cells of a notebook that hold outputs or an execution count. */
  static List<String> outputs(Path nb) throws Exception {
    JsonNode json = new ObjectMapper().readTree(nb.toFile());
    List<String> out = new ArrayList<>();
    int i = 0;
    for (JsonNode cell : json.path("cells")) {
      if ("code".equals(cell.path("cell_type").asText())
          && (cell.path("outputs").size() > 0 || !cell.path("execution_count").isNull())) {
        out.add(nb.getFileName() + " cell " + i);
      }
      i++;
    }
    return out;
  }

  @Test
  void theOutputCheckCatchesAnExecutedNotebook() throws Exception {
    Path nb = tmp.resolve("x.ipynb");
    Files.writeString(nb, "{\"cells\": [{\"cell_type\": \"code\", \"execution_count\": 1, \"metadata\": {}, "
        + "\"outputs\": [{\"output_type\": \"stream\", \"name\": \"stdout\", \"text\": \"42\"}], \"source\": \"print(42)\"}],"
        + " \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}");
    assertEquals(List.of("x.ipynb cell 0"), outputs(nb));
  }

  @Test
  void everyNotebookRunsOnTheExportedTables() throws Exception {
    WorkbookLake w = WorkbookLake.get();
    Path data = tmp.resolve("data");
    List<String> args = new ArrayList<>(List.of("--conf", TestSpark.confDir().toString(), "--lake", w.lake.root(),
        "export"));
    args.addAll(TABLES);
    args.addAll(List.of("--dir", data.toString()));
    assertEquals(Yibao.OK, Yibao.execute(args.toArray(String[]::new)));
    for (String t : TABLES) {
      assertTrue(Files.exists(data.resolve(t + ".csv")), t);
    }
    if (!Files.isExecutable(Path.of("/usr/bin/jupyter"))) {
      fail("/usr/bin/jupyter is missing: install jupyter-nbconvert python3-ipykernel python3-pandas "
          + "python3-matplotlib (.ci/apt-packages)");
    }
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/jupyter", "nbconvert", "--to", "notebook", "--execute",
        "--ExecutePreprocessor.timeout=300", "--ExecutePreprocessor.kernel_name=python3", "--output-dir",
        tmp.resolve("out").toString()));
    NOTEBOOKS.forEach(n -> cmd.add(notebooks().resolve(n).toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("YIBAO_NOTEBOOK_DATA", data.toString());
    pb.environment().put("MPLBACKEND", "Agg");
    pb.environment().put("HOME", tmp.toString());
    // the Debian python with pandas and matplotlib, whatever python3 comes first on the PATH
    pb.environment().put("PATH", "/usr/bin:/bin");
    Process p = pb.start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(600, TimeUnit.SECONDS), "nbconvert did not finish");
    assertEquals(0, p.exitValue(), "a notebook failed:\n" + log);
    for (String n : NOTEBOOKS) {
      Path executed = tmp.resolve("out").resolve(n);
      assertTrue(Files.exists(executed), n);
      JsonNode json = new ObjectMapper().readTree(executed.toFile());
      for (JsonNode cell : json.path("cells")) {
        for (JsonNode o : cell.path("outputs")) {
          assertTrue(!"error".equals(o.path("output_type").asText()), n + ": " + o);
        }
      }
    }
  }
}
