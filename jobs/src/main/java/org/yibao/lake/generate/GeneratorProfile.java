package org.yibao.lake.generate;

/**
 * Simulation knobs: how the synthetic province behaves. These are not policy parameters (those
 * live in {@code conf/} and belong to the jobs); they only shape the test data, and each default is
 * chosen to look like a real inland province around 2023. Rates are per person-year unless stated;
 * arrays indexed by age decade run 0-9, 10-19, ..., 80+.
 *
 * @param provinceCode            two digits of the fictional province ({@code 78} is not a GB/T 2260 code)
 * @param ageBandWeights          population share per 5-year age band at the first year (0-4 ... 95-99);
 *                                the defaults give about 20 % aged 60+ (an ageing province)
 * @param employeeShareWorking    share of working-age (18-59) persons in employee insurance (310)
 * @param employeeShareRetired    share of persons 60+ in employee insurance as retirees ({@code 12})
 * @param lateEnrolmentRate       persons whose first spell starts inside the period (churn in)
 * @param dropOutRate             persons whose last spell ends inside the period (churn out)
 * @param moveRate                persons moving to another county (spell ends, a new one starts)
 * @param assistanceRate          medical-assistance recipients (their inpatient stays get {@code maf_pay})
 * @param htnByDecade             hypertension registration probability by decade of age
 * @param dmByDecade              diabetes registration probability by decade of age
 * @param signBase                family-doctor signing probability, under 60 without two diseases
 * @param signElderly             signing probability aged 60+
 * @param signTwoDisease          signing probability with hypertension or diabetes
 * @param inpatientByDecade       inpatient admissions per person-year by decade (gives ~0.2 overall)
 * @param outpatientByDecade      general outpatient settled visits per person-year by decade
 * @param chronicVisitsPerYear    chronic/special outpatient visits (med_type 14) per registered person-year
 * @param emergencyShare          share of outpatient visits that are emergency (13)
 * @param dualChannelShare        share of outpatient visits at level 2+ settling a negotiated drug, from
 *                                {@code lastYear - 1} on, so that category has less than 3 years of history
 * @param costGrowthMinPermille   yearly cost growth of a county's insured, lower bound (55 = 5.5 %); every
 *                                county-month of each insutype is steered onto this trend (see
 *                                {@link ProvinceGenerator}), so growth is 5-10 % per county, city and year
 * @param costGrowthMaxPermille   upper bound of that growth
 * @param outOfProvinceInpatient  share of inpatient stays treated out of province
 * @param otherCountyShare        share of visits/stays in another county of the province
 * @param readmissionRate         ordinary readmission after 20-90 days
 * @param splitStayRate           same-hospital readmission within 3-14 days at a suspicious institution
 * @param transferRate            discharge and same-day admission at a higher institution
 * @param specialCaseDrgPermille  special cases (特例单议) per 1000 DRG discharges at level-3 hospitals (the
 *                                others have none; well below the 5 % limit)
 * @param specialCaseDipPermille  special cases per 1000 DIP discharges outside the outlier: 0 by default, as
 *                                5 ‰ of a demo province's few hundred DIP discharges a year is one case,
 *                                which the outlier supplies
 * @param specialCaseOutlierPermille the rate at the one institution meant to break the 5 ‰ limit
 * @param fundSpendPermilleMin    pooled-fund spending as a share of actual revenue, lower bound (920 = 92 %)
 * @param fundSpendPermilleMax    upper bound
 * @param revenueMarginMinPermille budget revenue of a year over last year's actual, above the county's cost
 *                                growth, lower bound (10 = 1 point): revenue is planned from the cost trend
 * @param revenueMarginMaxPermille upper bound of that margin
 * @param siphonShare             planted siphoning: share of the siphoned county's stays that would have
 *                                stayed in the county and go to a city hospital instead, from the last year
 * @param costSpikePermille       planted cost spike: the spiked county's cost growth in the last year
 */
public record GeneratorProfile(
    String provinceCode,
    double[] ageBandWeights,
    double employeeShareWorking,
    double employeeShareRetired,
    double lateEnrolmentRate,
    double dropOutRate,
    double moveRate,
    double assistanceRate,
    double[] htnByDecade,
    double[] dmByDecade,
    double signBase,
    double signElderly,
    double signTwoDisease,
    double[] inpatientByDecade,
    double[] outpatientByDecade,
    double chronicVisitsPerYear,
    double emergencyShare,
    double dualChannelShare,
    int costGrowthMinPermille,
    int costGrowthMaxPermille,
    double outOfProvinceInpatient,
    double otherCountyShare,
    double readmissionRate,
    double splitStayRate,
    double transferRate,
    int specialCaseDrgPermille,
    int specialCaseDipPermille,
    int specialCaseOutlierPermille,
    int fundSpendPermilleMin,
    int fundSpendPermilleMax,
    int revenueMarginMinPermille,
    int revenueMarginMaxPermille,
    double siphonShare,
    int costSpikePermille) {

  /** The documented defaults. */
  public static GeneratorProfile defaults() {
    return new GeneratorProfile(
        "78",
        new double[] {4.5, 5.5, 5.8, 5.2, 5.6, 6.4, 7.0, 7.2, 7.8, 8.2, 7.9, 7.2, 6.2, 5.4, 4.4, 3.3, 2.2,
            1.3, 0.6, 0.3},
        0.38, 0.30,
        0.05, 0.04, 0.03, 0.03,
        new double[] {0, 0.002, 0.01, 0.04, 0.10, 0.17, 0.24, 0.30, 0.33},
        new double[] {0, 0.001, 0.004, 0.015, 0.04, 0.07, 0.10, 0.11, 0.10},
        0.22, 0.50, 0.75,
        new double[] {0.09, 0.04, 0.08, 0.09, 0.11, 0.15, 0.26, 0.38, 0.50},
        new double[] {3.5, 2.4, 2.6, 2.8, 3.2, 3.8, 4.6, 5.2, 5.6},
        14.0, 0.04, 0.03,
        55, 65,
        0.03, 0.03,
        0.06, 0.35, 0.03,
        5, 0, 30,
        920, 970,
        55, 70,
        0.30, 250);
  }
}
