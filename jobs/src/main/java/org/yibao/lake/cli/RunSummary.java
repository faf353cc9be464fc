package org.yibao.lake.cli;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.yibao.lake.common.lake.Lake;
import org.yibao.lake.common.table.TableId;
import org.yibao.lake.common.table.Tables;

/**
 * The machine-readable summary of one {@code yibao} call ({@code --summary FILE}), for a scheduler or a
 * monitoring system: the exit code and its meaning, the one-line error, and — read back from the lake, so
 * it says what was committed — every table-batch the call ingested with its reconciliation, every job run
 * with rows and money in and out, and the alerts the lake now holds. Written on success and on failure.
 */
final class RunSummary {
  private RunSummary() {}

  static final Map<Integer, String> STATUS = Map.of(Yibao.OK, "ok", Yibao.FAILED, "failed", Yibao.USAGE,
      "usage_or_configuration_error", Yibao.DATA_QUALITY, "data_quality_failure");

  static void write(Path file, Yibao root, String[] args, Instant started, int exit) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("command", List.of(args));
    s.put("started_at", started.toString());
    s.put("finished_at", Instant.now().toString());
    s.put("exit_code", exit);
    s.put("status", STATUS.getOrDefault(exit, "failed"));
    s.put("error", root.error);
    s.put("run_ids", root.runIds);
    Lake lake = root.openedLake;
    s.put("lake", lake == null ? null : lake.root());
    if (lake != null && !root.runIds.isEmpty()) {
      s.putAll(fromLake(lake, root.runIds));
    }
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), s);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the run summary " + file, e);
    }
  }

  private static Map<String, Object> fromLake(Lake lake, List<String> runIds) {
    Map<String, Object> out = new LinkedHashMap<>();
    List<Map<String, Object>> batches = rows(lake, Tables.OPS_BATCH, runIds, List.of("source_table", "batch",
        "status", "files", "landed_rows", "landed_money_amt", "accepted_rows", "accepted_money_amt", "corrected_rows",
        "quarantined_rows", "quarantined_money_amt", "duplicate_rows", "duplicate_money_amt", "is_reconciled",
        "message"));
    out.put("batches", batches);
    long landed = 0;
    long reconciled = 0;
    BigDecimal landedMoney = BigDecimal.ZERO.setScale(2);
    for (Map<String, Object> b : batches) {
      landed++;
      if (Boolean.TRUE.equals(b.get("is_reconciled")) && "ok".equals(b.get("status"))) {
        reconciled++;
      }
      if (b.get("landed_money_amt") instanceof BigDecimal m) {
        landedMoney = landedMoney.add(m);
      }
    }
    Map<String, Object> rec = new LinkedHashMap<>();
    rec.put("table_batches", landed);
    rec.put("reconciled_ok", reconciled);
    rec.put("landed_money_amt", landedMoney);
    rec.put("all_reconciled", landed == reconciled);
    out.put("reconciliation", rec);
    out.put("jobs", rows(lake, Tables.OPS_JOB_RUN, runIds, List.of("job", "period", "status", "rows_in", "rows_out",
        "money_in_amt", "money_out_amt", "duration_ms", "output_version", "message")));
    Map<String, Object> alerts = new LinkedHashMap<>();
    if (lake.exists(Tables.ADS_ALERT)) {
      alerts.put("total", lake.read(Tables.ADS_ALERT).count());
    }
    out.put("alerts", alerts);
    return out;
  }

  private static List<Map<String, Object>> rows(Lake lake, TableId t, List<String> runIds, List<String> cols) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (!lake.exists(t)) {
      return out;
    }
    var df = lake.read(t);
    List<String> present = cols.stream().filter(c -> List.of(df.columns()).contains(c)).toList();
    for (Row r : df.filter(col("run_id").isin(runIds.toArray())).selectExpr(present.toArray(String[]::new))
        .collectAsList()) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (int i = 0; i < present.size(); i++) {
        m.put(present.get(i), r.get(i));
      }
      out.add(m);
    }
    return out;
  }
}
