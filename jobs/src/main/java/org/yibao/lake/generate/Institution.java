package org.yibao.lake.generate;

/**
 * A designated medical institution (a {@code medins} row) plus what the simulation needs to know
 * about it.
 *
 * @param countyIndex index of its county, -1 outside the province
 * @param endDay      last valid epoch day, {@link Integer#MAX_VALUE} while open
 */
record Institution(String code, String name, String admdvs, Kind kind, String hospLv, String communityId,
                   boolean lead, int beds, int begnDay, int endDay, int countyIndex, int cityIndex) {

  /** What an institution is; decides its {@code medins_type}, costs and payment method. */
  enum Kind {
    COUNTY_HOSPITAL("general"), TCM("tcm"), TOWNSHIP("township"), VILLAGE("village"), PRIVATE("private"),
    TERTIARY("general"), PSYCHIATRIC("specialty"), OUT_OF_PROVINCE("general");

    final String medinsType;

    Kind(String medinsType) {
      this.medinsType = medinsType;
    }
  }

  boolean openOn(int day) {
    return day >= begnDay && day <= endDay;
  }

  boolean inProvince() {
    return countyIndex >= 0;
  }
}
