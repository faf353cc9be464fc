package org.yibao.lake.tests.monitor;

import static org.yibao.lake.tests.Fixtures.row;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.yibao.lake.common.lake.Lake;
import org.yibao.lake.common.table.Tables;
import org.yibao.lake.tests.Fixtures;

/**
 * A hand-made province 78 for the monitoring tests: city 780100 with counties 780101 (medical community C1,
 * lead hospital H1, township T1) and 780102 (hospital H2), and a Beijing hospital HB (110105). Every
 * inpatient stay costs 1000.00 (self-pay 50.00 + 30.00, i.e. 8 %); persons P1–P8 are insured in 780101,
 * P9 in 780102, all resident (390).
 *
 * <pre>
 * person  stays (admission → discharge = settlement date, institution, diagnosis)        what it tests
 * P1      2025-03-01→03-10 H1 I21; 03-25→03-28 H1 I21                                   day 15: readmitted (15 d)
 * P2      2025-04-01→04-10 H1 J18; 04-26→04-30 H1 J18                                   day 16: not (15 d), yes (31 d)
 * P3      2025-05-01→05-05 H1 K35; 06-05→06-08 H2 K35                                   day 31: yes (31 d, other institution)
 * P4      2025-06-01→06-02 H1 I10; 07-04→07-06 H1 I10                                   day 32: not (31 d)
 * P5      2024-12-25→12-28 H1 I63; 2025-01-05→01-08 H1 I63                              year boundary: 2024 index readmitted
 * P6      2025-07-01→07-05 T1 I50; 07-05→07-12 H1 I50; 07-20→07-25 H1 I50               transfer T1→H1 is one stay, then day 8
 * P7      2025-08-01→08-05 H1 C34; 08-10→08-12 H1 C34 reversed (and its reversal)       reversal: no readmission
 * P8      2025-12-20→12-22 H1 N18                                                       window beyond the data: no index
 * P9      2025-09-01→09-05 HB (Beijing) J44                                              out of province
 * outpatient: P1 2024-01-15 H1 200.00, P1 2025-01-20 H1 260.00, P2 2025-12-31 H1 100.00 (the last date of data)
 * </pre>
 */
final class MonitorProvince {
  static final String SETL_DDL = "setl_id STRING, psn_no STRING, insutype STRING, fixmedins_code STRING, "
      + "insuplc_admdvs STRING, mdtrtarea_admdvs STRING, begndate DATE, enddate DATE, setl_date DATE, setl_year INT, "
      + "med_class STRING, category STRING, pay_method STRING, special_case_flag INT, dise_codg STRING, "
      + "medfee_sumamt DECIMAL(18,2), fulamt_ownpay_amt DECIMAL(18,2), overlmt_selfpay DECIMAL(18,2), "
      + "inscp_scp_amt DECIMAL(18,2), hifp_pay DECIMAL(18,2), acct_pay DECIMAL(18,2), psn_cash_pay DECIMAL(18,2), "
      + "is_reversal BOOLEAN, is_reversed BOOLEAN";

  private MonitorProvince() {}

  static void write(Lake lake) {
    Fixtures.table(lake, Tables.DIM_ADMDVS, "admdvs STRING, admdvs_name STRING, admdvs_lv INT, prnt_admdvs STRING",
        row("780000", "省", 1, null), row("780100", "市", 2, "780000"), row("780101", "甲县", 3, "780100"),
        row("780102", "乙县", 3, "780100"));
    Fixtures.table(lake, Tables.DIM_MEDINS, "fixmedins_code STRING, fixmedins_name STRING, admdvs STRING, "
            + "hosp_lv STRING, medins_type STRING, medcommunity_id STRING, lead_flag INT, aprv_bed_cnt INT, "
            + "begndate DATE, enddate DATE",
        row("H1", "甲县人民医院", "780101", "2", "general", "C1", 1, 1, "2020-01-01", null),
        row("T1", "甲县乡镇卫生院", "780101", "0", "township", "C1", 0, 1, "2020-01-01", null),
        row("H2", "乙县人民医院", "780102", "2", "general", "", 0, 1, "2020-01-01", null),
        row("HB", "北京医院", "110105", "3", "general", "", 0, 1, "2020-01-01", null));
    Fixtures.table(lake, Tables.DIM_MEDCOMMUNITY, "medcommunity_id STRING, medcommunity_name STRING, admdvs STRING, "
        + "lead_fixmedins_code STRING, scheme_begn_year INT", row("C1", "甲县医共体", "780101", "H1", 2023));
    List<Object[]> s = new ArrayList<>();
    s.add(stay("S01", "P1", "H1", "2025-03-01", "2025-03-10", "I21.0"));
    s.add(stay("S02", "P1", "H1", "2025-03-25", "2025-03-28", "I21.9"));
    s.add(stay("S03", "P2", "H1", "2025-04-01", "2025-04-10", "J18.0"));
    s.add(stay("S04", "P2", "H1", "2025-04-26", "2025-04-30", "J18.1"));
    s.add(stay("S05", "P3", "H1", "2025-05-01", "2025-05-05", "K35.2"));
    s.add(stay("S06", "P3", "H2", "2025-06-05", "2025-06-08", "K35.8"));
    s.add(stay("S07", "P4", "H1", "2025-06-01", "2025-06-02", "I10"));
    s.add(stay("S08", "P4", "H1", "2025-07-04", "2025-07-06", "I10"));
    s.add(stay("S09", "P5", "H1", "2024-12-25", "2024-12-28", "I63.9"));
    s.add(stay("S10", "P5", "H1", "2025-01-05", "2025-01-08", "I63.9"));
    s.add(stay("S11", "P6", "T1", "2025-07-01", "2025-07-05", "I50.0"));
    s.add(stay("S12", "P6", "H1", "2025-07-05", "2025-07-12", "I50.0"));
    s.add(stay("S13", "P6", "H1", "2025-07-20", "2025-07-25", "I50.1"));
    s.add(stay("S14", "P7", "H1", "2025-08-01", "2025-08-05", "C34.1"));
    Object[] reversed = stay("S15", "P7", "H1", "2025-08-10", "2025-08-12", "C34.1");
    reversed[reversed.length - 1] = true;
    s.add(reversed);
    Object[] reversal = stay("R15", "P7", "H1", "2025-08-10", "2025-08-12", "C34.1");
    for (int i = 15; i <= 21; i++) {
      reversal[i] = new BigDecimal(reversal[i].toString()).negate();
    }
    reversal[reversal.length - 2] = true;
    s.add(reversal);
    s.add(stay("S16", "P8", "H1", "2025-12-20", "2025-12-22", "N18.5"));
    Object[] beijing = stay("S17", "P9", "HB", "2025-09-01", "2025-09-05", "J44.1");
    beijing[4] = "780102";
    beijing[5] = "110105";
    s.add(beijing);
    s.add(outpatient("O1", "P1", "2024-01-15", "200.00"));
    s.add(outpatient("O2", "P1", "2025-01-20", "260.00"));
    s.add(outpatient("O3", "P2", "2025-12-31", "100.00"));
    Fixtures.table(lake, Tables.DWD_SETL, SETL_DDL, s.toArray(Object[][]::new));

    Fixtures.table(lake, Tables.DWS_INSURED_PERSON_YEAR, "year INT, insuplc_admdvs STRING, insutype STRING, "
            + "person_years DECIMAL(18,4), psn_cnt BIGINT",
        row(2024, "780101", "390", "8.0000", 8L), row(2025, "780101", "390", "8.0000", 8L),
        row(2024, "780102", "390", "1.0000", 1L), row(2025, "780102", "390", "1.0000", 1L));
    List<Object[]> insu = new ArrayList<>();
    for (int i = 1; i <= 9; i++) {
      insu.add(row("P" + i, "390", i == 9 ? "780102" : "780101", "2020-01-01", null, "21"));
    }
    Fixtures.table(lake, Tables.DWD_INSU, "psn_no STRING, insutype STRING, insuplc_admdvs STRING, begndate DATE, "
        + "enddate DATE, psn_type STRING", insu.toArray(Object[][]::new));
    Fixtures.table(lake, Tables.DWD_FD_SIGN, "psn_no STRING, fixmedins_code STRING, begndate DATE, enddate DATE",
        row("P1", "T1", "2024-01-01", null), row("P2", "T1", "2024-01-01", null));
    Fixtures.table(lake, Tables.DWD_CHRONIC_REG, "psn_no STRING, dise_type STRING, begndate DATE, enddate DATE",
        row("P1", "HTN", "2023-01-01", null), row("P3", "DM", "2025-06-01", null), row("P4", "COPD", "2023-01-01", null));
  }

  /** An inpatient stay of 1000.00 settled on its discharge day, by a 780101 insured at a 780101/780102 institution. */
  static Object[] stay(String id, String psn, String fix, String begn, String end, String dise) {
    String area = fix.equals("H2") ? "780102" : "780101";
    return row(id, psn, "390", fix, "780101", area, begn, end, end, LocalDate.parse(end).getYear(), "inpatient",
        "inpatient_ffs", "FFS", 0, dise, "1000.00", "50.00", "30.00", "900.00", "600.00", "100.00", "300.00",
        false, false);
  }

  /** An outpatient visit at H1 by a 780101 insured: self-pay 5 % + 3 % of the cost. */
  static Object[] outpatient(String id, String psn, String date, String medfee) {
    BigDecimal m = new BigDecimal(medfee);
    return row(id, psn, "390", "H1", "780101", "780101", date, date, date, LocalDate.parse(date).getYear(),
        "outpatient", "outpatient_general", "FFS", 0, "J06.9", medfee, m.multiply(new BigDecimal("0.05")).toPlainString(),
        m.multiply(new BigDecimal("0.03")).toPlainString(), medfee, m.multiply(new BigDecimal("0.5")).toPlainString(),
        "0.00", m.multiply(new BigDecimal("0.5")).toPlainString(), false, false);
  }
}
