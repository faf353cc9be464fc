package org.yibao.lake.ingest;

import java.math.BigDecimal;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.yibao.lake.common.money.Money;

/**
 * The reconciliation of one landed table-batch, a row of {@code ops.batch}: landed = accepted +
 * quarantined + duplicates, in rows and in money (the table's headline money column).
 *
 * <p>Status: {@code ok} ingested; {@code unreconciled} written but the tallies disagree (the run fails);
 * {@code rejected} not ingested because the delivery is not what the contract describes (no data file, a
 * file of unknown type) — it is looked at again on every ingest until it is fixed; {@code redelivered}
 * ingested earlier, and the landing folder now holds other content under the same name (the lake keeps the
 * ingested version; new content must come as a new batch).
 *
 * @param manifest every data file as {@code name:size:modified:sha256}, joined by {@code ;}
 * @param message  why a batch was rejected or flagged; empty when ok
 */
public record BatchResult(
    String table, String batch, String runId, String status, int files,
    long landedRows, BigDecimal landedMoney,
    long acceptedRows, BigDecimal acceptedMoney, long correctedRows,
    long quarantinedRows, BigDecimal quarantinedMoney,
    long duplicateRows, BigDecimal duplicateMoney, String manifest, String message) {

  public static final String OK = "ok";
  public static final String UNRECONCILED = "unreconciled";
  public static final String REJECTED = "rejected";
  public static final String REDELIVERED = "redelivered";

  /** A table-batch that was not read: nothing landed, nothing accepted. */
  static BatchResult rejected(String table, String batch, String runId, String status, int files, String manifest,
      String message) {
    BigDecimal zero = BigDecimal.ZERO.setScale(2);
    return new BatchResult(table, batch, runId, status, files, 0, zero, 0, zero, 0, 0, zero, 0, zero, manifest,
        message);
  }

  /** True when the batch needs an operator: rejected or re-delivered. */
  public boolean needsOperator() {
    return status.equals(REJECTED) || status.equals(REDELIVERED);
  }

  public static final StructType SCHEMA = new StructType()
      .add("source_table", DataTypes.StringType, false)
      .add("batch", DataTypes.StringType, false)
      .add("run_id", DataTypes.StringType, false)
      .add("status", DataTypes.StringType, false)
      .add("files", DataTypes.IntegerType)
      .add("landed_rows", DataTypes.LongType)
      .add("landed_money_amt", Money.TYPE)
      .add("accepted_rows", DataTypes.LongType)
      .add("accepted_money_amt", Money.TYPE)
      .add("corrected_rows", DataTypes.LongType)
      .add("quarantined_rows", DataTypes.LongType)
      .add("quarantined_money_amt", Money.TYPE)
      .add("duplicate_rows", DataTypes.LongType)
      .add("duplicate_money_amt", Money.TYPE)
      .add("is_reconciled", DataTypes.BooleanType)
      .add("ingested_at", DataTypes.TimestampType)
      .add("manifest", DataTypes.StringType)
      .add("message", DataTypes.StringType);

  public boolean reconciled() {
    return landedRows == acceptedRows + quarantinedRows + duplicateRows
        && landedMoney.compareTo(acceptedMoney.add(quarantinedMoney).add(duplicateMoney)) == 0;
  }

  Row toRow(java.sql.Timestamp ingestedAt) {
    return RowFactory.create(table, batch, runId, status, files, landedRows, landedMoney, acceptedRows, acceptedMoney,
        correctedRows, quarantinedRows, quarantinedMoney, duplicateRows, duplicateMoney, reconciled(), ingestedAt,
        manifest, message);
  }

  BatchResult withStatus(String newStatus) {
    return new BatchResult(table, batch, runId, newStatus, files, landedRows, landedMoney, acceptedRows, acceptedMoney,
        correctedRows, quarantinedRows, quarantinedMoney, duplicateRows, duplicateMoney, manifest, message);
  }

  public String logLine() {
    if (needsOperator()) {
      return String.format("ingest table=%s batch=%s status=%s: %s", table, batch, status, message);
    }
    return String.format("ingest table=%s batch=%s landed=%d/%s accepted=%d/%s corrected=%d quarantined=%d/%s "
            + "duplicates=%d/%s reconciled=%s", table, batch, landedRows, Money.plain(landedMoney), acceptedRows,
        Money.plain(acceptedMoney), correctedRows, quarantinedRows, Money.plain(quarantinedMoney), duplicateRows,
        Money.plain(duplicateMoney), reconciled());
  }
}
