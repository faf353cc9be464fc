package org.yibao.lake.generate;

import java.util.ArrayList;
import java.util.List;
import org.yibao.lake.generate.TableSchema.Column;
import org.yibao.lake.generate.TableSchema.ColumnType;

/** The ten landing tables exactly as {@code conf/contract} lists them. */
final class Tables {
  private Tables() {
  }

  static final TableSchema ADMDVS = of("admdvs", "admdvs", "admdvs_name", "admdvs_lv:int", "prnt_admdvs");
  static final TableSchema MEDINS = of("medins", "fixmedins_code", "fixmedins_name", "admdvs", "hosp_lv",
      "medins_type", "medcommunity_id", "lead_flag:int", "aprv_bed_cnt:int", "begndate:date", "enddate:date");
  static final TableSchema MEDCOMMUNITY = of("medcommunity", "medcommunity_id", "medcommunity_name", "admdvs",
      "lead_fixmedins_code", "scheme_begn_year:int");
  static final TableSchema PSN = of("psn", "psn_no", "psn_cert_type", "certno", "psn_name", "gend", "brdy:date");
  static final TableSchema INSU = of("insu", "psn_no", "insutype", "insuplc_admdvs", "begndate:date",
      "enddate:date", "psn_type");
  static final TableSchema CHRONIC_REG = of("chronic_reg", "psn_no", "dise_type", "begndate:date", "enddate:date");
  static final TableSchema FD_SIGN = of("fd_sign", "psn_no", "fixmedins_code", "begndate:date", "enddate:date");
  static final TableSchema SETL = of("setl", "setl_id", "mdtrt_id", "psn_no", "insutype", "med_type",
      "dual_channel_flag:int", "fixmedins_code", "insuplc_admdvs", "mdtrtarea_admdvs", "begndate:date",
      "enddate:date", "setl_time:ts", "dise_codg", "pay_method", "drg_dip_code", "case_points:dec",
      "special_case_flag:int", "refl_flag:int", "medfee_sumamt:dec", "fulamt_ownpay_amt:dec",
      "overlmt_selfpay:dec", "preselfpay_amt:dec", "inscp_scp_amt:dec", "hifp_pay:dec", "hifmi_pay:dec",
      "maf_pay:dec", "oth_pay:dec", "fund_pay_sumamt:dec", "acct_pay:dec", "psn_cash_pay:dec", "orig_setl_id");
  static final TableSchema FUND_REVENUE = of("fund_revenue", "admdvs", "insutype", "year:int", "kind",
      "revenue:dec");
  static final TableSchema MANUAL_SCORE = of("manual_score", "year:int", "medcommunity_id", "item", "score:dec");

  /** All tables, in the order they are written. */
  static final List<TableSchema> ALL = List.of(ADMDVS, MEDINS, MEDCOMMUNITY, PSN, INSU, CHRONIC_REG, FD_SIGN,
      SETL, FUND_REVENUE, MANUAL_SCORE);

  private static TableSchema of(String table, String... specs) {
    List<Column> cols = new ArrayList<>();
    for (String spec : specs) {
      int colon = spec.indexOf(':');
      String name = colon < 0 ? spec : spec.substring(0, colon);
      ColumnType type = colon < 0 ? ColumnType.STR : ColumnType.valueOf(spec.substring(colon + 1).toUpperCase());
      cols.add(new Column(name, type));
    }
    return new TableSchema(table, List.copyOf(cols));
  }
}
