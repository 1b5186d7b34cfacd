package com.shipdelay.order;

import com.shipdelay.region.AddressParser.ParsedAddress;
import com.shipdelay.region.Regions;
import java.util.ArrayList;
import java.util.List;

/**
 * What an order stores about the places its receiving address names (DESIGN.md "Dual address"): the
 * receiving region, every region named with the receiving one first, and whether they are two or
 * more places that do not contain one another. The order sync and the recompute both decide it
 * here.
 *
 * @param given whether the receiving region is the platform's (true), the parser's (false), or
 *     unknown (null: a row stored before anyone recorded it, whose region could not be re-derived)
 */
record AddressRegions(String receivingRegion, List<String> regions, boolean dual, Boolean given) {

  /**
   * From the parse, and the region the platform sent (null when it sent none). A region the
   * platform sent is the receiving region; the other places the address names follow it, unless
   * they contain it or lie inside it.
   */
  static AddressRegions of(ParsedAddress parsed, String givenRegion) {
    if (givenRegion == null) {
      return new AddressRegions(
          parsed.receivingRegion().orElse(null), parsed.codes(), parsed.dual(), false);
    }
    List<String> regions = new ArrayList<>();
    regions.add(givenRegion);
    for (String code : parsed.codes()) {
      if (!Regions.contains(code, givenRegion) && !Regions.contains(givenRegion, code)) {
        regions.add(code);
      }
    }
    return new AddressRegions(givenRegion, List.copyOf(regions), parsed.dual(), true);
  }

  /**
   * For a row stored before V7, whose region may be the platform's or an older parser's: the
   * parser's reading, except that a stored region inside the parser's receiving region is kept
   * (more precise, and consistent with the text) and one the parser cannot place at all stays, as
   * the sync keeps it (unknown whose it is, so {@code given} stays null).
   */
  static AddressRegions legacy(ParsedAddress parsed, String storedRegion) {
    String parsedRegion = parsed.receivingRegion().orElse(null);
    if (storedRegion == null) {
      return of(parsed, null);
    }
    if (parsedRegion == null
        || Regions.contains(parsedRegion, storedRegion) && !parsedRegion.equals(storedRegion)) {
      AddressRegions kept = of(parsed, storedRegion);
      return new AddressRegions(storedRegion, kept.regions(), kept.dual(), null);
    }
    return of(parsed, null);
  }

  /** The list as stored and shown: never empty while there is a receiving region. */
  static List<String> shown(List<String> stored, String receivingRegion) {
    if (!stored.isEmpty() || receivingRegion == null) {
      return stored;
    }
    return List.of(receivingRegion);
  }
}
