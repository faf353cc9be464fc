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
 */
public record BatchResult(
    String table, String batch, String runId, String status, int files,
    long landedRows, BigDecimal landedMoney,
    long acceptedRows, BigDecimal acceptedMoney, long correctedRows,
    long quarantinedRows, BigDecimal quarantinedMoney,
    long duplicateRows, BigDecimal duplicateMoney) {

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
      .add("ingested_at", DataTypes.TimestampType);

  public boolean reconciled() {
    return landedRows == acceptedRows + quarantinedRows + duplicateRows
        && landedMoney.compareTo(acceptedMoney.add(quarantinedMoney).add(duplicateMoney)) == 0;
  }

  Row toRow(java.sql.Timestamp ingestedAt) {
    return RowFactory.create(table, batch, runId, status, files, landedRows, landedMoney, acceptedRows, acceptedMoney,
        correctedRows, quarantinedRows, quarantinedMoney, duplicateRows, duplicateMoney, reconciled(), ingestedAt);
  }

  BatchResult withStatus(String newStatus) {
    return new BatchResult(table, batch, runId, newStatus, files, landedRows, landedMoney, acceptedRows, acceptedMoney,
        correctedRows, quarantinedRows, quarantinedMoney, duplicateRows, duplicateMoney);
  }

  public String logLine() {
    return String.format("ingest table=%s batch=%s landed=%d/%s accepted=%d/%s corrected=%d quarantined=%d/%s "
            + "duplicates=%d/%s reconciled=%s", table, batch, landedRows, Money.plain(landedMoney), acceptedRows,
        Money.plain(acceptedMoney), correctedRows, quarantinedRows, Money.plain(quarantinedMoney), duplicateRows,
        Money.plain(duplicateMoney), reconciled());
  }
}
