package org.yibao.lake.common.policy;

/**
 * Division codes ({@code PP0000} province, {@code PPCC00} city, {@code PPCCXX} county; conf/contract
 * admdvs) and how specific a configured region is for a requested one.
 */
public final class Regions {
  private Regions() {}

  public static String provinceOf(String admdvs) {
    return admdvs.substring(0, 2) + "0000";
  }

  public static String cityOf(String admdvs) {
    return admdvs.substring(0, 4) + "00";
  }

  public static boolean isProvince(String admdvs) {
    return admdvs.endsWith("0000");
  }

  public static boolean isCity(String admdvs) {
    return !isProvince(admdvs) && admdvs.endsWith("00");
  }

  /**
   * -1 when {@code configured} does not apply to {@code requested}; otherwise a rank, higher = more
   * specific: 0 for {@code *}, 1 province, 2 city, 3 the region itself.
   */
  static int matchRank(String configured, String requested) {
    if (configured == null || configured.equals("*")) {
      return 0;
    }
    if (requested == null || requested.equals("*") || requested.length() != 6) {
      return -1;
    }
    if (configured.equals(requested)) {
      return 3;
    }
    if (isCity(configured) && cityOf(requested).equals(configured)) {
      return 2;
    }
    if (isProvince(configured) && provinceOf(requested).equals(configured)) {
      return 1;
    }
    return -1;
  }
}
