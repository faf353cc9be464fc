package org.yibao.lake.generate;

import java.util.List;

/**
 * One simulated insured person with everything that decides their settlements: enrolment spells,
 * chronic registrations and family-doctor signing. Lives only while its settlements are simulated.
 */
record Person(int index, String psnNo, String certno, String name, boolean male, int birthDay,
              List<Spell> spells, List<Registration> registrations, Signing signing, boolean assistance) {

  /** An enrolment spell ({@code insu} row); {@code endDay} is {@link Integer#MAX_VALUE} while open. */
  record Spell(String insutype, String psnType, Geography.County county, int begnDay, int endDay) {
  }

  /** A chronic / two-disease registration ({@code chronic_reg} row). */
  record Registration(String diseType, int begnDay, int endDay) {
    boolean activeOn(int day) {
      return day >= begnDay && day <= endDay;
    }
  }

  /** A family-doctor signing ({@code fd_sign} row). */
  record Signing(Institution institution, int begnDay, int endDay) {
    boolean activeOn(int day) {
      return day >= begnDay && day <= endDay;
    }
  }

  boolean employee() {
    return spells.get(0).insutype().equals("310");
  }

  boolean registered(String diseType, int day) {
    for (Registration r : registrations) {
      if (r.diseType().equals(diseType) && r.activeOn(day)) {
        return true;
      }
    }
    return false;
  }

  boolean twoDisease(int day) {
    return registered("HTN", day) || registered("DM", day);
  }

  boolean hasRegistration(String diseType) {
    return registrations.stream().anyMatch(r -> r.diseType().equals(diseType));
  }
}
