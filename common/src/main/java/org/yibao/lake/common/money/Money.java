package org.yibao.lake.common.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/** Money is DECIMAL(18,2) yuan end to end; rates DECIMAL(9,6); HALF_UP where a figure is published. */
public final class Money {
  public static final DecimalType TYPE = DataTypes.createDecimalType(18, 2);
  public static final DecimalType RATE = DataTypes.createDecimalType(9, 6);

  private Money() {}

  /** Rounds to cents HALF_UP; null stays null. */
  public static BigDecimal scale(BigDecimal v) {
    return v == null ? null : v.setScale(2, RoundingMode.HALF_UP);
  }

  public static BigDecimal rate(BigDecimal v) {
    return v == null ? null : v.setScale(6, RoundingMode.HALF_UP);
  }

  public static String plain(BigDecimal v) {
    return v == null ? "-" : scale(v).toPlainString();
  }

  /** A money column published: rounded HALF_UP to cents and typed DECIMAL(18,2). */
  public static Column publish(Column c) {
    return functions.round(c, 2).cast(TYPE);
  }

  /** A rate column published: rounded HALF_UP to 6 places, DECIMAL(9,6). */
  public static Column publishRate(Column c) {
    return functions.round(c, 6).cast(RATE);
  }

  /** Sum of a money column as DECIMAL(18,2) (0 for no rows). */
  public static Column sum(String col) {
    return functions.coalesce(functions.sum(functions.col(col)), functions.lit(BigDecimal.ZERO)).cast(TYPE).as(col);
  }
}
