package org.yibao.lake.jobs.budget;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;
import org.yibao.lake.common.money.Money;

/**
 * A budget output built row by row on the driver (budget figures are a few thousand rows computed
 * with BigDecimal): an explicit schema, money rounded HALF_UP to cents and rates to 6 places.
 */
final class RowTable {
  private StructType schema = new StructType();
  private final List<Row> rows = new ArrayList<>();

  RowTable str(String name) {
    return col(name, DataTypes.StringType);
  }

  RowTable integer(String name) {
    return col(name, DataTypes.IntegerType);
  }

  RowTable count(String name) {
    return col(name, DataTypes.LongType);
  }

  RowTable money(String name) {
    return col(name, Money.TYPE);
  }

  RowTable rate(String name) {
    return col(name, Money.RATE);
  }

  RowTable bool(String name) {
    return col(name, DataTypes.BooleanType);
  }

  private RowTable col(String name, DataType type) {
    schema = schema.add(name, type, true);
    return this;
  }

  void add(Object... values) {
    if (values.length != schema.fields().length) {
      throw new IllegalArgumentException(values.length + " values for " + schema.fields().length + " columns");
    }
    Object[] v = values.clone();
    for (int i = 0; i < v.length; i++) {
      if (v[i] instanceof BigDecimal d && schema.fields()[i].dataType() instanceof DecimalType t) {
        v[i] = d.setScale(t.scale(), java.math.RoundingMode.HALF_UP);
      }
    }
    rows.add(RowFactory.create(v));
  }

  Dataset<Row> frame(SparkSession spark) {
    return spark.createDataFrame(rows, schema);
  }
}
