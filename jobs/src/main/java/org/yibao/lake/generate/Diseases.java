package org.yibao.lake.generate;

import java.util.List;
import java.util.SplittableRandom;

/**
 * ICD-10 (medical-insurance version) diagnoses with the group codes and relative weights the
 * simulation needs. Inpatient choice depends on age, sex and registrations, so that a hypertension
 * patient's stays carry {@code I10} more often than anyone else's.
 */
final class Diseases {

  /**
   * An inpatient diagnosis.
   *
   * @param weight   relative cost (1.0 = an average stay at that level)
   * @param losDays  median length of stay at a county hospital
   * @param severity 0 treated locally, 1 often referred to level 3, 2 mostly level 3 or the capital
   * @param child    selection weight under 15; {@code adult} 15-59; {@code elderly} 60+
   */
  record Inpatient(String icd, String drg, double weight, double losDays, int severity, double child,
                   double adult, double elderly) {
    String dip() {
      return "DIP-" + icd + (severity > 0 ? "-01" : "-00");
    }
  }

  static final Inpatient DELIVERY = new Inpatient("O80", "OF19", 0.6, 4, 0, 0, 0, 0);
  static final Inpatient HYPERTENSION = new Inpatient("I10", "FV23", 0.7, 7, 0, 0, 3, 6);
  static final Inpatient DIABETES = new Inpatient("E11.9", "KS13", 0.8, 9, 0, 0, 2, 5);
  static final Inpatient SCHIZOPHRENIA = new Inpatient("F20.9", "UR13", 1.0, 60, 0, 0, 0, 0);

  static final List<Inpatient> INPATIENT = List.of(
      new Inpatient("J18.9", "ES23", 0.9, 7, 0, 40, 10, 14),
      new Inpatient("A09.9", "GS13", 0.5, 4, 0, 20, 3, 2),
      new Inpatient("J44.1", "ET23", 1.1, 9, 1, 0, 2, 10),
      new Inpatient("I63.9", "BR23", 1.5, 12, 1, 0, 4, 14),
      new Inpatient("I25.1", "FM19", 1.8, 8, 1, 0, 4, 10),
      HYPERTENSION,
      DIABETES,
      new Inpatient("K35.8", "GC19", 1.1, 6, 0, 12, 10, 2),
      new Inpatient("K80.1", "HC33", 1.4, 7, 1, 0, 6, 5),
      new Inpatient("S72.0", "IC29", 3.0, 14, 1, 0, 1, 4),
      new Inpatient("C34.9", "ER13", 3.2, 13, 2, 0, 1, 4),
      new Inpatient("N39.0", "LU13", 0.6, 6, 0, 3, 3, 4));

  private static final String[] OUTPATIENT_CHILD = {"J06.9", "J06.9", "J20.9", "A09.9", "L30.9", "H10.9"};
  private static final String[] OUTPATIENT_ADULT = {"J06.9", "K29.7", "M54.5", "J20.9", "L30.9", "N39.0", "R51",
      "H10.9", "K29.7", "M54.5"};
  private static final String[] DUAL_CHANNEL = {"C34.9", "C50.9", "C16.9", "C22.0", "M05.9"};

  private Diseases() {
  }

  static Inpatient inpatient(int age, boolean male, boolean htn, boolean dm, SplittableRandom rng) {
    if (!male && age >= 20 && age < 42 && rng.nextInt(100) < 30) {
      return DELIVERY;
    }
    double total = 0;
    for (Inpatient d : INPATIENT) {
      total += weightOf(d, age, htn, dm);
    }
    double u = rng.nextDouble() * total;
    for (Inpatient d : INPATIENT) {
      u -= weightOf(d, age, htn, dm);
      if (u < 0) {
        return d;
      }
    }
    return INPATIENT.get(0);
  }

  private static double weightOf(Inpatient d, int age, boolean htn, boolean dm) {
    double w = age < 15 ? d.child() : age < 60 ? d.adult() : d.elderly();
    if ((d == HYPERTENSION && htn) || (d == DIABETES && dm)) {
      w *= 4;
    }
    return w;
  }

  static String outpatient(int age, SplittableRandom rng) {
    String[] pool = age < 15 ? OUTPATIENT_CHILD : OUTPATIENT_ADULT;
    return pool[rng.nextInt(pool.length)];
  }

  static String dualChannel(SplittableRandom rng) {
    return DUAL_CHANNEL[rng.nextInt(DUAL_CHANNEL.length)];
  }

  /** Main diagnosis of a chronic/special outpatient visit for a registration type. */
  static String chronic(String diseType) {
    return switch (diseType) {
      case "HTN" -> "I10";
      case "DM" -> "E11.9";
      case "COPD" -> "J44.9";
      case "CKD5" -> "N18.5";
      case "MH" -> "F20.9";
      default -> throw new IllegalArgumentException(diseType);
    };
  }
}
