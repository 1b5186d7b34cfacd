package com.shipdelay.region.baseline;

// FROZEN: AddressParser as of commit bfdbe42, the last one before issue 12's parser work, kept
// unchanged (renamed, in this package) as the address bench's same-run baseline. Do not edit.

import com.shipdelay.region.Region;
import com.shipdelay.region.Regions;
import com.shipdelay.region.baseline.NamesBeforeIssue12.Alias;
import com.shipdelay.region.baseline.NamesBeforeIssue12.Match;
import com.shipdelay.region.baseline.NamesBeforeIssue12.Strength;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the regions a free-text Chinese address names.
 *
 * <p>It scans the text once, taking the longest region name at each position (full names, short
 * forms such as 新疆 or 延边, Hong Kong, Macao and Taiwan districts), and drops a name that is the
 * start of a street or shop name (北京东路, 长沙路, 重庆小面店). It then reads the names in order as chains: a
 * name inside a place already named narrows it (陕西省 → 西安市 → 雁塔区), a name that contains one repeats
 * it, and any other name starts a new place. An address with two places is a dual address
 * (陕西省西安市新疆乌鲁木齐…).
 *
 * <p>An ambiguous name (朝阳区 is in Beijing and in Changchun) takes the reading that fits the place
 * around it; with no context it names nothing rather than a guess.
 */
public class ParserBeforeIssue12 {

  private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u3000]+");

  /** Directions and ordinals between a place name and a street word: 北京东路, 中山东一路. */
  private static final String STREET_INFIXES = "东西南北中一二三四五六七八九十";

  /** Words that make the place name before them part of a street, building or shop name. */
  private static final List<String> STREET_WORDS =
      List.of(
          "路", "街", "大道", "巷", "弄", "胡同", "道", "店", "大厦", "大楼", "广场", "商场", "商城", "公园", "花园", "小区",
          "公寓", "酒店", "饭店", "宾馆", "大学", "学院", "医院", "银行", "公司", "超市");

  /** Last characters of full official names. */
  private static final String ADMIN_ENDINGS = "省市区县州旗盟";

  /** How far after a place name a 店 still makes it a shop's name. */
  private static final int SHOP_NAME_LENGTH = 4;

  private final NamesBeforeIssue12 names;

  public ParserBeforeIssue12(Regions regions) {
    this.names = new NamesBeforeIssue12(regions);
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
    if (address == null || address.isBlank()) {
      return new ParsedAddress(List.of());
    }
    String text = WHITESPACE.matcher(address).replaceAll("");
    List<Match> found = new ArrayList<>();
    for (int i = 0; i < text.length(); ) {
      Match match = names.longestAt(text, i);
      if (match == null) {
        i++;
        continue;
      }
      if (!startsStreetName(text, match.end())) {
        found.add(match);
      }
      i = match.end();
    }
    List<Region> places = new ArrayList<>();
    for (int k = 0; k < found.size(); k++) {
      Match match = found.get(k);
      List<Alias> next = k + 1 < found.size() ? found.get(k + 1).aliases() : List.of();
      place(match.aliases(), next, startsShopName(text, match.end()), places);
    }
    return new ParsedAddress(List.copyOf(places));
  }

  /** Whether the name that ends at {@code end} begins a street or shop name. */
  private boolean startsStreetName(String text, int end) {
    if (ADMIN_ENDINGS.indexOf(text.charAt(end - 1)) >= 0) {
      return false; // a full name is not how a street begins: 金水区花园路
    }
    if (names.longestAt(text, end) != null) {
      return false; // another place name follows: 哈尔滨道里区
    }
    int i = end;
    for (int infixes = 0; i < text.length() && infixes <= 2; infixes++) {
      for (String word : STREET_WORDS) {
        if (text.startsWith(word, i)) {
          return true;
        }
      }
      if (STREET_INFIXES.indexOf(text.charAt(i)) < 0) {
        return false;
      }
      i++;
    }
    return false;
  }

  /** Whether a shop name ends shortly after the place name ending at {@code end}: 重庆小面店. */
  private static boolean startsShopName(String text, int end) {
    int shop = text.indexOf('店', end);
    return shop > end && shop <= end + SHOP_NAME_LENGTH;
  }

  /**
   * Adds what one name says to the places found so far. A name that may begin a shop name does not
   * start a second place (上海市黄浦区南京东路重庆小面店), though it may narrow the first.
   */
  private static void place(
      List<Alias> aliases, List<Alias> next, boolean shopLike, List<Region> places) {
    // narrows a place already named, the latest first: 西安市 after 陕西省
    for (int p = places.size() - 1; p >= 0; p--) {
      Region place = places.get(p);
      List<Alias> inside =
          aliases.stream()
              .filter(a -> place.contains(a.region()) && !a.region().equals(place))
              .toList();
      if (!inside.isEmpty()) {
        int at = p;
        pick(inside).ifPresent(r -> places.set(at, r));
        return;
      }
    }
    // repeats a place already named, or a larger one around it: nothing new
    boolean repeats =
        aliases.stream().anyMatch(a -> places.stream().anyMatch(p -> a.region().contains(p)));
    if (repeats) {
      return;
    }
    // a new place; a weak name needs the context it does not have here
    if (shopLike && !places.isEmpty()) {
      return;
    }
    List<Alias> candidates =
        aliases.stream()
            .filter(
                a ->
                    a.strength() == Strength.STRONG
                        || a.strength() == Strength.LEADING && places.isEmpty())
            .toList();
    List<Alias> confirmedByNext =
        candidates.stream()
            .filter(a -> next.stream().anyMatch(n -> related(a.region(), n.region())))
            .toList();
    pick(confirmedByNext.isEmpty() ? candidates : confirmedByNext).ifPresent(places::add);
  }

  private static boolean related(Region a, Region b) {
    return a.contains(b) || b.contains(a);
  }

  /**
   * One region out of a name's readings. Only the readings of the strongest kind count (乌鲁木齐 is the
   * city, not 乌鲁木齐县); of those, the deepest when they form one chain (儋州市 is a city and its own
   * district), else the single shallowest one; none when that is still ambiguous.
   */
  private static Optional<Region> pick(List<Alias> readings) {
    if (readings.isEmpty()) {
      return Optional.empty();
    }
    Strength strongest =
        readings.stream().map(Alias::strength).min(Comparator.naturalOrder()).orElseThrow();
    List<Region> byDepth =
        readings.stream()
            .filter(a -> a.strength() == strongest)
            .map(Alias::region)
            .distinct()
            .sorted(Comparator.comparingInt(r -> r.code().length()))
            .toList();
    boolean oneChain = true;
    for (int i = 1; i < byDepth.size(); i++) {
      oneChain &= byDepth.get(i - 1).contains(byDepth.get(i));
    }
    if (oneChain) {
      return Optional.of(byDepth.get(byDepth.size() - 1));
    }
    // Region.Level is package-private since a8c3c9c; a region's level is its code's length
    int shallowest = byDepth.get(0).code().length();
    List<Region> top = byDepth.stream().filter(r -> r.code().length() == shallowest).toList();
    return top.size() == 1 ? Optional.of(top.get(0)) : Optional.empty();
  }
}
