package org.yibao.lake.generate;

/**
 * The contract rules a dirty row fails, one rule per row, with the reason codes the report uses.
 * Only {@link #BAD_ENCODING} lands in {@code psn}; all others in {@code setl}.
 */
enum DirtyRule {
  BAD_DATE, BAD_AMOUNT, MISSING_KEY, MEDFEE_BALANCE, FUND_BALANCE, NEGATIVE_AMOUNT, DATE_ORDER,
  UNKNOWN_INSUTYPE, UNKNOWN_MED_TYPE, UNKNOWN_MEDINS, UNKNOWN_INSUPLC, UNKNOWN_MDTRTAREA, REVERSAL_ORPHAN,
  BAD_ENCODING;

  String code() {
    return name().toLowerCase();
  }

  /** Needs an unparseable value, which a typed Parquet column cannot hold. */
  boolean textOnly() {
    return this == BAD_DATE || this == BAD_AMOUNT;
  }
}
