package com.shipdelay.region;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Finds the regions a free-text Chinese address names. PLACEHOLDER: the real parser (short forms,
 * municipalities, consistent chains, dual addresses) is being written; this version finds nothing.
 */
@Component
public class AddressParser {

  private final Regions regions;

  public AddressParser(Regions regions) {
    this.regions = regions;
  }

  /**
   * @param mentions the distinct places the address names, each as its most specific region, none
   *     containing another (two mentions mean a dual address)
   */
  public record ParsedAddress(List<Region> mentions) {

    /** The most specific region of the address, when it names exactly one place. */
    public Optional<String> regionCode() {
      return mentions.size() == 1 ? Optional.of(mentions.get(0).code()) : Optional.empty();
    }

    /** Names two or more regions that do not contain one another. */
    public boolean dual() {
      return mentions.size() >= 2;
    }
  }

  public ParsedAddress parse(String address) {
    return new ParsedAddress(List.of());
  }
}
