package com.shipdelay.region;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Finds the regions a free-text Chinese address names.
 *
 * <p>It scans the text once, taking the longest region name at each position (full names, short
 * forms such as 新疆 or 延边, Hong Kong, Macao and Taiwan districts: {@link RegionNames}), and drops a
 * name that is the start of a street or shop name (北京东路, 长沙路, 重庆小面店: {@link NameScanner}, {@link
 * SurroundingWords}). It then reads the names in order as chains: a name inside a place already
 * named narrows it (陕西省 → 西安市 → 雁塔区), a name that contains one repeats it, and any other name
 * starts a new place. An address with two places is a dual address (陕西省西安市新疆乌鲁木齐…: {@link
 * PlaceChains}).
 *
 * <p>An ambiguous name (朝阳区 is in Beijing and in Changchun) takes the reading that fits the place
 * around it; with no context it names nothing rather than a guess.
 */
@Component
public class AddressParser {

  /**
   * Bump this whenever a change to this class, its parts ({@link AddressText}, {@link NameScanner},
   * {@link SurroundingWords}, {@link PlaceChains}) or to {@link RegionNames} and its parts can
   * change what an address parses to: stored orders carry the regions of the version that computed
   * them, and a node whose {@link #version()} differs recomputes them ({@code RegionRecompute}).
   * Changes to the data under {@code regions/} need no bump: their checksum is part of the version.
   */
  public static final String REVISION = "12.2";

  private final NameScanner scanner;
  private final String version;

  public AddressParser(Regions regions) {
    this.scanner = new NameScanner(new RegionNames(regions));
    this.version = "parser " + REVISION + "; " + regions.release() + "; data " + regions.checksum();
  }

  /** What a parse depends on: this parser's revision, the dictionary's release and checksum. */
  public String version() {
    return version;
  }

  /**
   * @param mentions the distinct places the address names, each as its most specific region, none
   *     containing another (two mentions mean a dual address)
   */
  public record ParsedAddress(List<Region> mentions) {

    /** The most specific region of the address, when it names exactly one place. */
    Optional<String> regionCode() {
      return mentions.size() == 1 ? Optional.of(mentions.get(0).code()) : Optional.empty();
    }

    /** The receiving region: the first place named, where the carrier delivers; dual or not. */
    public Optional<String> receivingRegion() {
      return mentions.isEmpty() ? Optional.empty() : Optional.of(mentions.get(0).code());
    }

    /** The codes of every place named, in order. */
    public List<String> codes() {
      List<String> codes = new ArrayList<>(mentions.size());
      for (Region r : mentions) {
        codes.add(r.code());
      }
      return codes;
    }

    /** Names two or more regions that do not contain one another. */
    public boolean dual() {
      return mentions.size() >= 2;
    }
  }

  public ParsedAddress parse(String address) {
    if (address == null || address.isBlank()) {
      return new ParsedAddress(List.of());
    }
    return new ParsedAddress(PlaceChains.read(scanner.scan(AddressText.of(address))));
  }
}
