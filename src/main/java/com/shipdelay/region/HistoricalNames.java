package com.shipdelay.region;

import com.shipdelay.region.RegionNames.Strength;
import java.util.Set;

/**
 * Old names (regions/changes.csv) stand for the unit that covers the place now, with the strengths
 * the old unit's names had. A short form that is now another unit's name is left out, and an old
 * full name that is now another unit's name only counts in context (东山区).
 */
final class HistoricalNames {

  private HistoricalNames() {}

  /**
   * Adds every old name and its short forms to {@code names}, after the current names, which they
   * must not take over; each old full name joins {@code official}.
   */
  static void add(Regions regions, ShortForms forms, NameTable names, Set<String> official) {
    for (Regions.Change change : regions.changes()) {
      Region now =
          regions
              .find(change.newCode())
              .orElseThrow(() -> new IllegalStateException("changes.csv: no " + change.newCode()));
      Region old = new Region("old:" + change.oldName(), change.oldName(), change.oldLevel());
      NameTable oldNames = new NameTable();
      forms.addNamesOf(old, oldNames);
      oldNames.forEach(
          (name, byRegion) -> {
            Strength strength = byRegion.get(old);
            boolean taken = names.has(name) && !names.readings(name).keySet().equals(Set.of(now));
            if (!taken) {
              names.add(name, now, strength);
            } else if (name.equals(change.oldName())) {
              names.add(name, now, Strength.CONTEXT);
            }
          });
      official.add(change.oldName());
    }
  }
}
