package org.yibao.lake.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.yibao.lake.common.contract.ContractTable;
import org.yibao.lake.common.contract.ContractTable.ColumnType;
import org.yibao.lake.common.contract.ContractTable.PiiAction;
import org.yibao.lake.common.pii.Pseudonymizer;

/**
 * Types landed strings per the contract and protects PII before anything is kept: the raw row kept
 * for the quarantine ({@code _raw}) already has {@code certno} hashed and {@code psn_name} removed.
 * Adds the flags the expectations read: {@code _type_errors}, {@code _bad_encoding}, {@code _key_missing}.
 */
final class Typer {
  private Typer() {}

  /** The session function that pseudonymises; registered once per pipeline. */
  static final String HASH_FN = "yibao_pii_hash";

  static void register(org.apache.spark.sql.SparkSession spark, Pseudonymizer pseudonymizer) {
    spark.udf().register(HASH_FN, pseudonymizer, DataTypes.StringType);
  }

  static Dataset<Row> type(Dataset<Row> raw, ContractTable table) {
    String hashFn = HASH_FN;

    List<Column> out = new ArrayList<>();
    List<Column> rawKept = new ArrayList<>();
    List<Column> typeErrors = new ArrayList<>();
    List<Column> encodingBad = new ArrayList<>();
    for (Map.Entry<String, ColumnType> e : table.columns().entrySet()) {
      String c = e.getKey();
      Column blankToNull = when(functions.trim(col(c)).equalTo(""), lit(null)).otherwise(functions.trim(col(c)));
      encodingBad.add(functions.coalesce(col(c).contains("\uFFFD"), lit(false)));
      PiiAction pii = table.pii().get(c);
      if (pii == PiiAction.DROP) {
        continue;
      }
      if (pii == PiiAction.HASH) {
        Column hashed = functions.callUDF(hashFn, blankToNull);
        out.add(hashed.as(c + "_hash"));
        rawKept.add(hashed.as(c + "_hash"));
        continue;
      }
      rawKept.add(col(c));
      Column typed = typed(blankToNull, e.getValue());
      out.add(typed.as(c));
      if (e.getValue() != ColumnType.STR) {
        typeErrors.add(when(blankToNull.isNotNull().and(typed.isNull()), lit(c + ":" + e.getValue().code())));
      }
    }
    Column errors = typeErrors.isEmpty()
        ? functions.array().cast(DataTypes.createArrayType(DataTypes.StringType))
        : functions.filter(functions.array(typeErrors.toArray(Column[]::new)), Column::isNotNull);
    Column keyMissing = table.key().stream().map(k -> functions.trim(col(k)).equalTo("").or(col(k).isNull()))
        .reduce(Column::or).orElse(lit(false));
    out.add(errors.as("_type_errors"));
    out.add(encodingBad.stream().reduce(Column::or).orElse(lit(false)).as("_bad_encoding"));
    out.add(keyMissing.as("_key_missing"));
    out.add(col(LandingReader.CORRUPT));
    out.add(functions.to_json(functions.struct(rawKept.toArray(Column[]::new))).as("_raw"));
    out.add(col("_file"));
    out.add(col("_row"));
    return raw.select(out.toArray(Column[]::new));
  }

  private static Column typed(Column s, ColumnType t) {
    return switch (t) {
      case STR -> s;
      case DATE -> functions.to_date(s, "yyyy-MM-dd");
      case TS -> functions.to_timestamp(s, "yyyy-MM-dd HH:mm:ss");
      // only plain decimal text with at most two decimals is money: "1,234.5", "12a" or "12.345" are not
      // silently reinterpreted or rounded
      case DEC -> when(s.rlike("^-?[0-9]+(\\.[0-9]{1,2})?$"), s.cast(t.sparkType));
      case INT -> when(s.rlike("^-?[0-9]+$"), s.cast(DataTypes.IntegerType));
    };
  }
}
