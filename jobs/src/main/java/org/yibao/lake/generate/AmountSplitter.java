package org.yibao.lake.generate;

import java.util.SplittableRandom;
import org.yibao.lake.generate.Institution.Kind;

/**
 * Splits a settlement's total cost into the contract's parts, in cents and integer per-mille
 * shares only, so that by construction {@code medfee = fulamt + overlmt + preself + inscp},
 * {@code fund = hifp + hifmi + maf + oth}, {@code medfee = fund + acct + cash},
 * {@code hifp <= inscp}, no part negative, and the personal account only for employees. Self-pay
 * shares are higher at private and level-3 hospitals, yet every settlement's self-pay share
 * ({@code fulamt_ownpay + overlmt_selfpay}, each drawn within ±50 % of its mean) stays below the 10 %
 * of docs/policy.md §9, so no ordinary institution-month can break it; deductibles and reimbursement rates follow
 * the usual shape of a provincial scheme (higher at lower levels, higher for employees).
 */
final class AmountSplitter {
  private static final long CRITICAL_ILLNESS_THRESHOLD = 1_500_000;

  private AmountSplitter() {
  }

  static void split(Settlement s, boolean employee, boolean assistance, boolean capitation,
                    SplittableRandom rng) {
    long m = s.medfee;
    Kind kind = s.institution.kind();
    boolean inpatient = s.inpatient();
    s.fulamtOwnpay = Money.permille(m, jitter(ownpayPermille(kind), rng));
    s.overlmtSelfpay = Money.permille(m, jitter(kind == Kind.PRIVATE ? 14 : kind == Kind.TERTIARY ? 10 : 5, rng));
    s.preselfpay = Money.permille(m, jitter(s.dualChannel == 1 ? 100 : inpatient ? 70 : 30, rng));
    s.inscpScp = m - s.fulamtOwnpay - s.overlmtSelfpay - s.preselfpay;

    long deductible = inpatient ? deductible(kind) : 0;
    int rate = inpatient ? inpatientRate(kind, employee)
        : s.dualChannel == 1 ? 700
        : (s.medType.equals("14") ? 600 : 500) + (employee ? 100 : 0) + (capitation ? 50 : 0);
    s.hifp = Money.permille(Math.max(0, s.inscpScp - deductible), rate);
    long left = s.inscpScp - s.hifp;
    s.hifmi = inpatient && left > CRITICAL_ILLNESS_THRESHOLD
        ? Money.permille(left - CRITICAL_ILLNESS_THRESHOLD, 600) : 0;
    left -= s.hifmi;
    s.maf = inpatient && assistance ? Money.permille(left, 500) : 0;
    left -= s.maf;
    s.oth = inpatient && employee && rng.nextInt(100) < 5 ? Money.permille(left, 300) : 0;
    s.fundPay = s.hifp + s.hifmi + s.maf + s.oth;

    long personal = m - s.fundPay;
    s.acct = 0;
    if (employee) {
      if (!inpatient && rng.nextInt(10) < 7) {
        s.acct = personal;
      } else if (inpatient && rng.nextInt(10) < 4) {
        s.acct = Money.permille(personal, 300 + rng.nextInt(701));
      }
    }
    s.cash = personal - s.acct;
  }

  private static int jitter(int permille, SplittableRandom rng) {
    return permille / 2 + rng.nextInt(permille + 1);
  }

  private static int ownpayPermille(Kind kind) {
    return switch (kind) {
      case VILLAGE -> 10;
      case TOWNSHIP -> 25;
      case COUNTY_HOSPITAL, TCM -> 50;
      case PSYCHIATRIC -> 30;
      case TERTIARY -> 55;
      case OUT_OF_PROVINCE -> 60;
      case PRIVATE -> 50;
    };
  }

  private static long deductible(Kind kind) {
    return switch (kind) {
      case VILLAGE, TOWNSHIP -> 20_000;
      case PSYCHIATRIC -> 30_000;
      case COUNTY_HOSPITAL, TCM -> 50_000;
      case PRIVATE -> 60_000;
      case TERTIARY -> 100_000;
      case OUT_OF_PROVINCE -> 150_000;
    };
  }

  private static int inpatientRate(Kind kind, boolean employee) {
    int resident = switch (kind) {
      case VILLAGE, TOWNSHIP -> 850;
      case COUNTY_HOSPITAL, TCM -> 750;
      case PSYCHIATRIC -> 700;
      case PRIVATE -> 650;
      case TERTIARY -> 600;
      case OUT_OF_PROVINCE -> 500;
    };
    return Math.min(920, resident + (employee ? 120 : 0));
  }
}
