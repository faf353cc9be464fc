package org.yibao.lake.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yibao.lake.common.config.LakeSettings;
import org.yibao.lake.common.contract.Codes;
import org.yibao.lake.common.contract.ContractTable;
import org.yibao.lake.common.dq.DataQualityException;
import org.yibao.lake.common.dq.Expectation;
import org.yibao.lake.common.lake.Lake;
import org.yibao.lake.common.money.Money;
import org.yibao.lake.common.ops.JobRun;
import org.yibao.lake.common.ops.KillPoint;
import org.yibao.lake.common.pii.Pseudonymizer;
import org.yibao.lake.common.spark.Cols;
import org.yibao.lake.common.table.TableId;
import org.yibao.lake.common.table.Tables;

/**
 * Landing → {@code ods.*} with quarantine (README "Ingest, data quality and reconciliation").
 *
 * <p>For every complete batch not yet in {@code ops.batch}, in batch order and per batch in the
 * tables' ingest order: read as landed, type and pseudonymise, evaluate the expectations, route
 * failures to {@code dq.quarantine}, separate duplicates (same key and content as a row already
 * accepted) from corrections (same key, new content: last batch wins), write the batch, then check
 * landed = accepted + quarantined + duplicates in rows and money against what the lake now holds.
 * Every write replaces exactly this table-batch, so a rerun after a crash gives the same lake.
 */
public final class IngestPipeline {
  private static final Logger LOG = LoggerFactory.getLogger("yibao.ingest");
  /** Built-in rule: one key landed twice in one batch with different content; neither can be trusted. */
  static final String KEY_CONFLICT = "key_conflict_in_batch";
  static final String KEY_CONFLICT_REASON = "同一批次内同一主键内容不同 / one key twice in the batch with different content";

  private final SparkSession spark;
  private final Lake lake;
  private final LakeSettings settings;
  private final String runId;
  private final String policyVersion;
  private final Map<String, ContractTable> contract;
  private final Codes codes;

  public IngestPipeline(Lake lake, LakeSettings settings, String runId, String policyVersion) {
    this.spark = lake.spark();
    this.lake = lake;
    this.settings = settings;
    this.runId = runId;
    this.policyVersion = policyVersion;
    this.contract = ContractTable.loadAll(settings.confDir());
    this.codes = Codes.load(settings.confDir());
    Typer.register(spark, new Pseudonymizer(settings.requirePiiKey()));
  }

  /**
   * Ingests every complete, not yet ingested batch under {@code landing}; returns what each did, including
   * the batches an operator must look at ({@link BatchResult#needsOperator()}): a delivery that is not what
   * the contract describes is rejected (and the later batches of its table are held back, so batches are
   * never applied out of order); an ingested batch whose folder now holds other content is flagged
   * re-delivered. Both are recorded in {@code ops.batch}; the caller turns them into exit 3.
   */
  public List<BatchResult> ingest(String landing) {
    List<String> order = new ArrayList<>(contract.keySet());
    org.apache.hadoop.conf.Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    List<LandingBatch> batches = LandingBatch.scan(landing, order, hadoop);
    Map<String, String> done = ingestedBatches();
    Map<String, String> rejectedTables = new LinkedHashMap<>();
    List<BatchResult> results = new ArrayList<>();
    registerCodeViews();
    Records pending = null;
    try {
      for (LandingBatch b : batches) {
        if (!b.complete()) {
          LOG.warn("ingest table={} batch={} skipped: no _SUCCESS file yet (incomplete batch)", b.table(), b.batch());
          continue;
        }
        String key = b.table() + "/" + b.batch();
        if (done.containsKey(key)) {
          String diff = BatchManifest.difference(b, done.get(key), hadoop);
          if (diff != null) {
            results.add(flagRedelivered(b, diff));
          }
          continue;
        }
        if (pending != null && !pending.batch.equals(b.batch())) {
          pending.flush();
        }
        if (pending == null || !pending.batch.equals(b.batch())) {
          pending = new Records(b.batch());
        }
        String problem = rejection(b, rejectedTables.get(b.table()));
        if (problem != null) {
          rejectedTables.putIfAbsent(b.table(), b.batch());
          BatchResult r = BatchResult.rejected(b.table(), b.batch(), runId, BatchResult.REJECTED, b.files().size(),
              "", problem);
          LOG.error(r.logLine());
          pending.tables.add(b.table());
          pending.batchRows.add(r.toRow(java.sql.Timestamp.from(Instant.now())));
          results.add(r);
          continue;
        }
        results.add(ingestBatch(b, contract.get(b.table()), pending, BatchManifest.of(b, hadoop)));
      }
    } finally {
      if (pending != null) {
        pending.flush();
      }
    }
    if (results.isEmpty()) {
      LOG.info("ingest: nothing new under {}", landing);
    }
    List<BatchResult> unreconciled = results.stream()
        .filter(r -> !r.needsOperator() && !r.reconciled()).toList();
    if (!unreconciled.isEmpty()) {
      throw new DataQualityException("batches do not reconcile (landed != accepted + quarantined + duplicates): "
          + unreconciled.stream().map(BatchResult::logLine).toList());
    }
    return results;
  }

  /** Why a complete batch cannot be read, or null. */
  private static String rejection(LandingBatch b, String earlierRejected) {
    if (earlierRejected != null) {
      return "held back: the earlier batch " + earlierRejected + " of this table was rejected";
    }
    if (!b.unrecognised().isEmpty()) {
      return "unrecognised file(s) " + b.unrecognised() + " (data files end in " + LandingBatch.DATA_SUFFIXES + ")";
    }
    if (b.files().isEmpty()) {
      return "_SUCCESS but no data file (data files end in " + LandingBatch.DATA_SUFFIXES + ")";
    }
    return null;
  }

  /** Marks an ingested table-batch re-delivered in {@code ops.batch}; the lake keeps what was ingested. */
  private BatchResult flagRedelivered(LandingBatch b, String diff) {
    String message = "re-delivered with other content (" + diff + "); the lake keeps the version ingested — "
        + "deliver new content as a new batch and restore this folder";
    lake.update(Tables.OPS_BATCH, "source_table = '" + b.table() + "' AND batch = '" + b.batch().replace("'", "''")
        + "'", Map.of("status", "'" + BatchResult.REDELIVERED + "'", "message", "'" + message.replace("'", "''") + "'"));
    BatchResult r = BatchResult.rejected(b.table(), b.batch(), runId, BatchResult.REDELIVERED, b.files().size(), "",
        message);
    LOG.error(r.logLine());
    return r;
  }

  /**
   * What one landing batch writes to {@code dq} and {@code ops}, written together when the batch's
   * tables are done (or one of them failed): each write replaces exactly these table-batches.
   */
  private final class Records {
    final String batch;
    final List<String> tables = new ArrayList<>();
    final List<Dataset<Row>> quarantine = new ArrayList<>();
    final List<Row> expectationRows = new ArrayList<>();
    final List<Row> batchRows = new ArrayList<>();
    final List<JobRun> runs = new ArrayList<>();

    Records(String batch) {
      this.batch = batch;
    }

    void flush() {
      if (tables.isEmpty()) {
        return;
      }
      String predicate = "batch = '" + batch.replace("'", "''") + "' AND source_table IN ("
          + String.join(", ", tables.stream().map(t -> "'" + t + "'").toList()) + ")";
      if (!quarantine.isEmpty()) {
        Dataset<Row> q = quarantine.stream().reduce(Dataset::unionByName).orElseThrow();
        lake.replaceWhere(q, Tables.DQ_QUARANTINE, predicate, List.of());
      }
      lake.replaceWhere(spark.createDataFrame(expectationRows, EXPECTATION_SCHEMA), Tables.DQ_EXPECTATION_RESULT,
          predicate, List.of());
      KillPoint.at("ingest-before-ops-batch");
      // ops.batch last: it is what marks a table-batch as ingested
      lake.replaceWhere(spark.createDataFrame(batchRows, BatchResult.SCHEMA), Tables.OPS_BATCH, predicate, List.of());
      JobRun.recordAll(lake, runs);
      quarantine.forEach(Dataset::unpersist);
      tables.clear();
    }
  }

  private BatchResult ingestBatch(LandingBatch b, ContractTable table, Records records, String manifest) {
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    spark.sparkContext().setJobDescription("ingest " + b.table() + " " + b.batch());
    Charset enc = Charset.forName(settings.encodingFor(table.name()));
    Dataset<Row> raw = new LandingReader(spark).read(b, table, enc,
        settings.columnMap().getOrDefault(table.name(), Map.of()));
    Dataset<Row> typed = Typer.type(raw, table).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      String money = table.headlineMoney();
      registerReferenceViews(typed, b);
      List<Expectation> rules = Expectation.load(settings.confDir(), table.name());
      QualityGate.Outcome gate = QualityGate.evaluate(spark, typed, rules, money);
      // the evaluated batch is cached now; one copy is enough
      typed.unpersist();

      // duplicates and corrections among the rows that passed
      Dataset<Row> evaluated = gate.evaluated();
      Dataset<Row> passed = evaluated.filter(col("_q_rule").isNull()).withColumn("_row_hash", rowHash(typed, table));
      Column[] keys = table.key().stream().map(functions::col).toArray(Column[]::new);
      WindowSpec byKey = Window.partitionBy(keys);
      Dataset<Row> ranked = passed
          .withColumn("_rn", functions.row_number().over(byKey.orderBy("_file", "_row")))
          .withColumn("_versions", functions.size(functions.collect_set("_row_hash").over(byKey)))
          .persist(StorageLevel.MEMORY_AND_DISK());
      Dataset<Row> conflicts = ranked.filter(col("_versions").gt(1));
      Dataset<Row> firsts = ranked.filter(col("_versions").equalTo(1).and(col("_rn").equalTo(1)));

      Dataset<Row> prior = priorLatest(table, b.batch(), firsts);
      Dataset<Row> compared = prior == null ? firsts.withColumn("_prior_hash", lit(null).cast(DataTypes.StringType))
          : firsts.join(prior, Cols.seq(table.key().toArray(String[]::new)), "left");
      Dataset<Row> dupPrior = compared.filter(col("_prior_hash").equalTo(col("_row_hash")));
      Dataset<Row> accepted = compared
          .filter(col("_prior_hash").isNull().or(col("_prior_hash").notEqual(col("_row_hash"))))
          .withColumn("_is_correction", col("_prior_hash").isNotNull());

      Tally landed = new Tally(gate.landedRows(), gate.landedMoney());
      long checked = landed.rows();
      for (QualityGate.RuleResult r : gate.results()) {
        if (r.rule().action() == Expectation.Action.FAIL && r.failedRows() > 0) {
          records.tables.add(table.name());
          records.quarantine.add(quarantineRows(evaluated.limit(0), conflicts.limit(0), table,
              b.batch(), money));
          addExpectationRows(records, b, gate, checked, new Tally(0, BigDecimal.ZERO.setScale(2)));
          throw new DataQualityException("table " + table.name() + " batch " + b.batch() + ": " + r.failedRows()
              + " rows break '" + r.rule().name() + "' (" + r.rule().reason() + "); nothing of this batch was written");
        }
      }

      String batchPredicate = "_batch = '" + b.batch().replace("'", "''") + "'";
      lake.replaceWhere(odsRows(accepted, table, b.batch()), Tables.ods(table.name()), batchPredicate, List.of("_batch"));
      KillPoint.at("ingest-ods-written:" + table.name());
      Dataset<Row> quarantineRows = quarantineRows(evaluated, conflicts, table, b.batch(), money)
          .persist(StorageLevel.MEMORY_AND_DISK());
      // key conflicts and duplicates within the batch, in one pass over the ranked rows
      Column m0 = money == null ? lit(BigDecimal.ZERO).cast(Money.TYPE) : col(money);
      Column conflict = col("_versions").gt(1);
      Column dupIn = col("_versions").equalTo(1).and(col("_rn").gt(1));
      Row inBatch = ranked.agg(functions.sum(functions.when(conflict, 1L).otherwise(0L)),
          functions.sum(functions.when(conflict, m0)), functions.sum(functions.when(dupIn, 1L).otherwise(0L)),
          functions.sum(functions.when(dupIn, m0))).head();
      Tally conflictT = tallyOf(inBatch, 0);
      Tally dupInT = tallyOf(inBatch, 2);
      addExpectationRows(records, b, gate, checked, conflictT);

      // reconcile: landed against what ods now holds, what goes to quarantine and the duplicates
      Row acc = lake.read(Tables.ods(table.name())).filter(batchPredicate)
          .agg(functions.count(lit(1)), money == null ? lit(null).cast(Money.TYPE) : functions.sum(col(money)),
              functions.sum(functions.when(col("_is_correction"), 1).otherwise(0)))
          .head();
      Tally acceptedT = new Tally(acc.getLong(0), acc.isNullAt(1) ? BigDecimal.ZERO.setScale(2)
          : Money.scale(acc.getDecimal(1)));
      long corrected = acc.isNullAt(2) ? 0 : acc.getLong(2);
      Tally quarantinedT = new Tally(gate.quarantinedRows() + conflictT.rows(),
          gate.quarantinedMoney().add(conflictT.money()));
      Tally dupPriorT = prior == null ? new Tally(0, BigDecimal.ZERO.setScale(2)) : tally(dupPrior, money);
      Tally dups = new Tally(dupInT.rows() + dupPriorT.rows(), dupInT.money().add(dupPriorT.money()));
      ranked.unpersist();
      evaluated.unpersist();
      BatchResult computed = new BatchResult(table.name(), b.batch(), runId, "ok", b.files().size(),
          landed.rows(), landed.money(), acceptedT.rows(), acceptedT.money(), corrected,
          quarantinedT.rows(), quarantinedT.money(), dups.rows(), dups.money(), manifest, "");
      BatchResult result = computed.reconciled() ? computed : computed.withStatus(BatchResult.UNRECONCILED);
      String message = String.format("landed=accepted+quarantined+duplicates: %d=%d+%d+%d rows, %s=%s+%s+%s money",
          result.landedRows(), result.acceptedRows(), result.quarantinedRows(), result.duplicateRows(),
          Money.plain(result.landedMoney()), Money.plain(result.acceptedMoney()),
          Money.plain(result.quarantinedMoney()), Money.plain(result.duplicateMoney()));
      records.tables.add(table.name());
      records.quarantine.add(quarantineRows);
      records.batchRows.add(result.toRow(java.sql.Timestamp.from(started)));
      records.runs.add(new JobRun(runId, "ingest." + table.name(), Tables.ods(table.name()).toString(), b.batch(),
          result.status(), started, (System.nanoTime() - t0) / 1_000_000, result.landedRows(),
          result.acceptedRows(), result.landedMoney(), result.acceptedMoney(), Map.of(),
          lake.version(Tables.ods(table.name())), policyVersion, message));
      LOG.info(result.logLine());
      return result;
    } finally {
      typed.unpersist();
    }
  }

  /** Content fingerprint of a typed row: equal for a duplicate, different for a correction. */
  private static Column rowHash(Dataset<Row> typed, ContractTable table) {
    List<Column> cols = new ArrayList<>();
    for (String c : odsColumns(table)) {
      cols.add(col(c));
    }
    return functions.sha2(functions.to_json(functions.struct(cols.toArray(Column[]::new))), 256);
  }

  /** Contract columns as stored in ods: PII hashed columns renamed, dropped ones gone. */
  static List<String> odsColumns(ContractTable table) {
    List<String> out = new ArrayList<>();
    for (String c : table.columns().keySet()) {
      ContractTable.PiiAction a = table.pii().get(c);
      if (a == null) {
        out.add(c);
      } else if (a == ContractTable.PiiAction.HASH) {
        out.add(c + "_hash");
      }
    }
    return out;
  }

  private Dataset<Row> odsRows(Dataset<Row> accepted, ContractTable table, String batch) {
    List<Column> cols = new ArrayList<>();
    for (String c : odsColumns(table)) {
      cols.add(col(c));
    }
    cols.add(lit(batch).as("_batch"));
    cols.add(col("_file"));
    cols.add(col("_row"));
    cols.add(lit(runId).as("_ingest_run"));
    cols.add(col("_row_hash"));
    cols.add(col("_is_correction"));
    return accepted.select(cols.toArray(Column[]::new));
  }

  /**
   * The latest accepted version, from batches before this one, of every key the batch holds: the history is
   * cut to the batch's keys before it is ranked, so a night's batch does not sort the whole history.
   */
  private Dataset<Row> priorLatest(ContractTable table, String batch, Dataset<Row> batchKeys) {
    TableId ods = Tables.ods(table.name());
    if (!lake.exists(ods)) {
      return null;
    }
    Column[] keys = table.key().stream().map(functions::col).toArray(Column[]::new);
    List<Column> sel = new ArrayList<>(List.of(keys));
    sel.add(col("_row_hash").as("_prior_hash"));
    String[] keyNames = table.key().toArray(String[]::new);
    List<Column> narrow = new ArrayList<>(List.of(keys));
    narrow.addAll(List.of(col("_batch"), col("_row"), col("_row_hash")));
    return lake.read(ods).filter(col("_batch").lt(batch)).select(narrow.toArray(Column[]::new))
        .join(batchKeys.select(keys), Cols.seq(keyNames), "left_semi")
        .withColumn("_rk", functions.row_number().over(Window.partitionBy(keys)
            .orderBy(col("_batch").desc(), col("_row").desc())))
        .filter(col("_rk").equalTo(1)).select(sel.toArray(Column[]::new));
  }

  private Dataset<Row> quarantineRows(Dataset<Row> evaluated, Dataset<Row> conflicts,
      ContractTable table, String batch, String money) {
    Column moneyCol = money == null ? lit(null).cast(Money.TYPE) : col(money);
    Dataset<Row> fromRules = evaluated.filter(col("_q_rule").isNotNull())
        .select(col("_file"), col("_row"), col("_q_rule").as("rule"), col("_q_reason").as("reason"),
            functions.array_join(col("_type_errors"), ",").as("detail"), col("_raw"), moneyCol.as("money_amt"));
    Dataset<Row> fromConflicts = conflicts.select(col("_file"), col("_row"), lit(KEY_CONFLICT).as("rule"),
        lit(KEY_CONFLICT_REASON).as("reason"),
        lit("").as("detail"), col("_raw"), moneyCol.as("money_amt"));
    return fromRules.unionByName(fromConflicts).select(lit(runId).as("run_id"),
        lit(table.name()).as("source_table"), lit(batch).as("batch"), col("_file").as("file"), col("_row").as("row"),
        col("rule"), col("reason"), col("detail"), col("_raw").as("raw"), col("money_amt"));
  }

  static final StructType EXPECTATION_SCHEMA = new StructType()
      .add("run_id", DataTypes.StringType).add("source_table", DataTypes.StringType)
      .add("batch", DataTypes.StringType).add("expectation", DataTypes.StringType)
      .add("action", DataTypes.StringType).add("checked_rows", DataTypes.LongType)
      .add("failed_rows", DataTypes.LongType).add("failed_money_amt", Money.TYPE)
      .add("reason", DataTypes.StringType);

  private void addExpectationRows(Records records, LandingBatch b, QualityGate.Outcome gate, long checked,
      Tally conflicts) {
    for (QualityGate.RuleResult r : gate.results()) {
      records.expectationRows.add(RowFactory.create(runId, b.table(), b.batch(), r.rule().name(),
          r.rule().action().name().toLowerCase(), checked, r.failedRows(), r.failedMoney(), r.rule().reason()));
    }
    records.expectationRows.add(RowFactory.create(runId, b.table(), b.batch(), KEY_CONFLICT, "quarantine", checked,
        conflicts.rows(), conflicts.money(), KEY_CONFLICT_REASON));
  }

  /** Table-batches already ingested ({@code table/batch}) with their recorded manifest (null before manifests). */
  private Map<String, String> ingestedBatches() {
    Map<String, String> done = new HashMap<>();
    if (lake.exists(Tables.OPS_BATCH)) {
      Dataset<Row> ops = lake.read(Tables.OPS_BATCH);
      Column manifest = List.of(ops.columns()).contains("manifest") ? col("manifest")
          : lit(null).cast(DataTypes.StringType);
      for (Row r : ops.filter(col("status").isin(BatchResult.OK, BatchResult.REDELIVERED))
          .select(col("source_table"), col("batch"), manifest).collectAsList()) {
        done.put(r.getString(0) + "/" + r.getString(1), r.getString(2));
      }
    }
    return done;
  }

  private void registerCodeViews() {
    StructType schema = new StructType().add("code", DataTypes.StringType).add("name", DataTypes.StringType);
    codes.lists().forEach((list, values) -> {
      List<Row> rows = new ArrayList<>();
      new LinkedHashMap<>(values).forEach((k, v) -> rows.add(RowFactory.create(k, v)));
      spark.createDataFrame(rows, schema).createOrReplaceTempView("ref_code_" + list);
    });
  }

  /** Reference rows accepted so far (earlier batches and earlier tables of this batch) for the rules. */
  private void registerReferenceViews(Dataset<Row> typed, LandingBatch b) {
    view(Tables.ods("admdvs"), "SELECT DISTINCT admdvs, admdvs_lv FROM %s",
        "admdvs STRING, admdvs_lv INT", "ref_admdvs");
    view(Tables.ods("medins"), "SELECT fixmedins_code, begndate, enddate FROM (SELECT *, row_number() OVER "
        + "(PARTITION BY fixmedins_code, begndate ORDER BY _batch DESC, _row DESC) rk FROM %s) WHERE rk = 1",
        "fixmedins_code STRING, begndate DATE, enddate DATE", "ref_medins");
    if (b.table().equals("setl")) {
      // an original's amounts too: a reversal must negate them (rule reversal_mismatch)
      Column[] cols = java.util.stream.Stream.concat(java.util.stream.Stream.of("setl_id"),
              contract.get("setl").columns().entrySet().stream()
                  .filter(e -> e.getValue() == ContractTable.ColumnType.DEC).map(Map.Entry::getKey))
          .map(functions::col).toArray(Column[]::new);
      Dataset<Row> own = typed.filter(col("setl_id").isNotNull().and(col("orig_setl_id").isNull()))
          .select(cols);
      // of the history, only the originals this batch reverses
      Dataset<Row> reversed = typed.filter(col("orig_setl_id").isNotNull()).select(col("orig_setl_id").as("setl_id"));
      Dataset<Row> prior = lake.exists(Tables.ods("setl"))
          ? lake.read(Tables.ods("setl")).filter(col("_batch").lt(b.batch())).select(cols)
              .join(reversed, Cols.seq("setl_id"), "left_semi")
          : own.limit(0);
      prior.unionByName(own).createOrReplaceTempView("ref_setl");
    }
  }

  private void view(TableId t, String sql, String emptySchema, String name) {
    if (lake.exists(t)) {
      lake.read(t).createOrReplaceTempView("_src_" + name);
      spark.sql(String.format(sql, "_src_" + name)).createOrReplaceTempView(name);
    } else {
      spark.createDataFrame(List.of(), StructType.fromDDL(emptySchema)).createOrReplaceTempView(name);
    }
  }

  /** Rows and headline money of a frame, in one pass. */
  record Tally(long rows, BigDecimal money) {}

  /** The tally in columns {@code i} (rows) and {@code i + 1} (money) of an aggregate row. */
  private static Tally tallyOf(Row r, int i) {
    return new Tally(r.isNullAt(i) ? 0 : r.getLong(i),
        r.isNullAt(i + 1) ? BigDecimal.ZERO.setScale(2) : Money.scale(r.getDecimal(i + 1)));
  }

  private static Tally tally(Dataset<Row> df, String money) {
    return tallyOf(df.agg(functions.count(lit(1)),
        money == null ? lit(null).cast(Money.TYPE) : functions.sum(col(money))).head(), 0);
  }
}
