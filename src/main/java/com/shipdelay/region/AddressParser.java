package com.shipdelay.region;

import com.shipdelay.region.RegionNames.Alias;
import com.shipdelay.region.RegionNames.Match;
import com.shipdelay.region.RegionNames.Strength;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

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
@Component
public class AddressParser {

  /**
   * Bump this whenever a change to this class or to {@link RegionNames} can change what an address
   * parses to: stored orders carry the regions of the version that computed them, and a node whose
   * {@link #version()} differs recomputes them ({@code RegionRecompute}). Changes to the data under
   * {@code regions/} need no bump: their checksum is part of the version.
   */
  public static final String REVISION = "12.1";

  /** Directions and ordinals between a place name and a street word: 北京东路, 中山东一路. */
  private static final String STREET_INFIXES = "东西南北中一二三四五六七八九十";

  /** Words that make the place name before them part of a street, building or shop name. */
  private static final List<String> STREET_WORDS =
      List.of(
          "路", "街", "大道", "巷", "弄", "胡同", "道", "店", "大厦", "大楼", "广场", "商场", "商城", "公园", "花园", "小区",
          "公寓", "酒店", "饭店", "宾馆", "大学", "学院", "医院", "银行", "公司", "超市");

  /** How far after a place name a 店 still makes it a shop's name. */
  private static final int SHOP_NAME_LENGTH = 4;

  private final RegionNames names;
  private final String version;

  public AddressParser(Regions regions) {
    this.names = new RegionNames(regions);
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
    // whitespace goes, but where it was still ends a word (南宫雪 重庆市)
    StringBuilder stripped = new StringBuilder(address.length());
    BitSet gaps = new BitSet();
    for (int i = 0; i < address.length(); i++) {
      char c = address.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        gaps.set(stripped.length());
      } else {
        stripped.append(c);
      }
    }
    String text = stripped.toString();
    List<Found> found = new ArrayList<>();
    Match previous = null;
    for (int i = 0; i < text.length(); ) {
      Match match = names.longestAt(text, i);
      if (match == null) {
        i++;
        continue;
      }
      if (straddles(text, gaps, match, previous)) {
        i++; // 石门镇江源村: 镇 ends the town's name, 镇江 is not a city here
        continue;
      }
      if (!startsStreetName(text, match)) {
        found.add(classify(text, gaps, match, found.isEmpty()));
      }
      previous = match;
      i = match.end();
    }
    List<Place> places = placeAll(found, -1);
    // a weak first reading that makes the address dual was a person's or a word, not a place
    if (places.size() >= 2) {
      for (Place place : places) {
        if (found.get(place.origin()).weak()) {
          places = placeAll(found, place.origin());
          break;
        }
      }
    }
    List<Region> mentions = new ArrayList<>(places.size());
    for (Place place : places) {
      mentions.add(place.region());
    }
    return new ParsedAddress(List.copyOf(mentions));
  }

  /**
   * A name found in the text, and what the text around it says: {@code compound} when it is part of
   * a village, compound, school or company name (太原新村, 某某(武汉)贸易有限公司); {@code weak} when it is only
   * a guess: a leading word that may be a person's name (南宫雪), or a district's short form standing
   * alone (和林格尔).
   */
  private record Found(Match match, boolean compound, boolean weak, boolean promoted) {}

  /** One place the address names: its most specific region and the regions the text named. */
  private record Place(Region region, List<Region> named, int origin) {}

  private Found classify(String text, BitSet gaps, Match match, boolean first) {
    boolean compound = !match.official() && compoundName(text, match);
    boolean wordStart = wordBoundary(text, gaps, match.start());
    boolean nameLike = false;
    if (first && wordStart && !match.official()) {
      int wordEnd = match.end();
      while (wordEnd < text.length() && !wordBoundary(text, gaps, wordEnd)) {
        wordEnd++;
      }
      int rest = wordEnd - match.end();
      nameLike = rest >= 1 && rest <= 2 && names.longestAt(text, match.end()) == null;
    }
    boolean promoted =
        wordStart
            && wordBoundary(text, gaps, match.end())
            && match.aliases().size() == 1
            && match.aliases().get(0).strength() == Strength.CONTEXT
            && match.aliases().get(0).region().level() == Region.Level.DISTRICT;
    return new Found(match, compound, nameLike || promoted, promoted);
  }

  /** Whether a word begins or ends at {@code at}: the text's ends, a gap, a non-Chinese char. */
  private static boolean wordBoundary(String text, BitSet gaps, int at) {
    return at <= 0
        || at >= text.length()
        || gaps.get(at)
        || !chinese(text.charAt(at - 1))
        || !chinese(text.charAt(at));
  }

  private static boolean chinese(char c) {
    return c >= '\u4e00' && c <= '\u9fff';
  }

  /** First characters that end a town's, street's or district's name (石门镇|江源村, 和平路|北). */
  private static final String NAME_ENDS = "镇乡村区县市路街道";

  /**
   * Whether a name begins with the last character of the word before it: 镇江 in 石门镇江源村, 路北 in 建设路北.
   * Not after a province or city name, which the next name follows directly (宁波镇海区).
   */
  private static boolean straddles(String text, BitSet gaps, Match match, Match previous) {
    int start = match.start();
    if (start == 0
        || match.official()
        || gaps.get(start)
        || NAME_ENDS.indexOf(text.charAt(start)) < 0
        || !chinese(text.charAt(start - 1))) {
      return false;
    }
    if (previous != null && previous.end() == start) {
      if (previous.official()) {
        return false;
      }
      for (Alias alias : previous.aliases()) {
        if (alias.strength() == Strength.STRONG
            && alias.region().level() != Region.Level.DISTRICT) {
          return false;
        }
      }
    }
    return true;
  }

  /** Words that end a village's, compound's or building's name right after a place name. */
  private static final List<String> SETTLEMENT_WORDS =
      List.of(
          "村", "新村", "小区", "花园", "苑", "家园", "山庄", "公寓", "大厦", "广场", "大楼", "酒店", "饭店", "宾馆", "超市",
          "商场");

  /** Words that end a company's, school's or shop's name a few characters after a place name. */
  private static final List<String> INSTITUTION_WORDS =
      List.of(
          "公司", "大学", "学院", "学校", "中学", "小学", "医院", "店", "厂", "集团", "银行", "火锅", "餐厅", "餐馆", "菜馆",
          "面馆", "酒家", "酒楼", "小吃", "烤鸭", "食府");

  /** Whether the short name is part of a settlement, school or company name. */
  private static boolean compoundName(String text, Match match) {
    int end = match.end();
    if (match.start() > 0
        && end < text.length()
        && "(（".indexOf(text.charAt(match.start() - 1)) >= 0
        && ")）".indexOf(text.charAt(end)) >= 0) {
      return true; // 某某(武汉)贸易有限公司
    }
    for (int offset = 0; offset <= SHOP_NAME_LENGTH && end + offset < text.length(); offset++) {
      int at = end + offset;
      if (!chinese(text.charAt(at))) {
        return false;
      }
      if (offset <= 1) {
        for (String word : SETTLEMENT_WORDS) {
          if (text.startsWith(word, at)) {
            return true;
          }
        }
      }
      for (String word : INSTITUTION_WORDS) {
        if (text.startsWith(word, at)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether the name ending at {@code match.end()} begins a street or shop name. */
  private boolean startsStreetName(String text, Match match) {
    int end = match.end();
    if (match.official()) {
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
      char c = text.charAt(i);
      if (STREET_INFIXES.indexOf(c) < 0 && !Character.isDigit(c)) {
        return false; // 郑州2路 is a street too
      }
      i++;
    }
    return false;
  }

  /** Reads the names in order as places; {@code skip} is a name left out (-1: none). */
  private static List<Place> placeAll(List<Found> found, int skip) {
    List<Place> places = new ArrayList<>();
    for (int k = 0; k < found.size(); k++) {
      if (k == skip) {
        continue;
      }
      Found here = found.get(k);
      int n = k + 1 == skip ? k + 2 : k + 1;
      List<Alias> next = n < found.size() ? found.get(n).match().aliases() : List.of();
      place(here, k, next, places);
    }
    return places;
  }

  /**
   * Adds what one name says to the places found so far. A name inside a compound or shop name does
   * not start a second place (上海市黄浦区南京东路重庆小面店), though it may narrow the first.
   */
  private static void place(Found found, int origin, List<Alias> next, List<Place> places) {
    List<Alias> aliases = found.match().aliases();
    // narrows a place already named, the latest first: 西安市 after 陕西省
    for (int p = places.size() - 1; p >= 0; p--) {
      Place place = places.get(p);
      List<Alias> inside = new ArrayList<>(2);
      for (Alias a : aliases) {
        if (place.region().contains(a.region()) && !a.region().equals(place.region())) {
          inside.add(a);
        }
      }
      if (!inside.isEmpty()) {
        Optional<Region> narrower = pick(inside);
        if (narrower.isPresent()) {
          List<Region> named = new ArrayList<>(place.named());
          named.add(narrower.get());
          places.set(p, new Place(narrower.get(), named, place.origin()));
        }
        return;
      }
    }
    // repeats a place already named, or a larger one around it: nothing new
    for (Alias a : aliases) {
      for (Place p : places) {
        if (a.region().contains(p.region())) {
          return;
        }
      }
    }
    // a new place; a weak name needs the context it does not have here
    if (found.compound() && !places.isEmpty()) {
      return;
    }
    List<Alias> candidates = new ArrayList<>(aliases.size());
    for (Alias a : aliases) {
      if (a.strength() == Strength.STRONG
          || (a.strength() == Strength.LEADING || found.promoted()) && places.isEmpty()) {
        candidates.add(a);
      }
    }
    // beside a place under a unit the text named (杭州市西湖区拱墅区): that unit, not two places
    for (int p = places.size() - 1; p >= 0 && !candidates.isEmpty(); p--) {
      Place place = places.get(p);
      for (int m = place.named().size() - 1; m >= 0; m--) {
        Region unit = place.named().get(m);
        List<Alias> within = new ArrayList<>(2);
        for (Alias a : candidates) {
          if (unit.contains(a.region())) {
            within.add(a);
          }
        }
        if (!within.isEmpty()) {
          Optional<Region> other = pick(within);
          if (other.isPresent()) {
            Region common = unit; // the deepest named unit around both
            List<Region> named = new ArrayList<>();
            for (Region r : place.named()) {
              if (r.contains(common)) {
                named.add(r);
              }
            }
            places.set(p, new Place(common, named, place.origin()));
          }
          return;
        }
      }
    }
    List<Alias> confirmedByNext = new ArrayList<>(candidates.size());
    for (Alias a : candidates) {
      for (Alias n : next) {
        if (related(a.region(), n.region())) {
          confirmedByNext.add(a);
          break;
        }
      }
    }
    pick(confirmedByNext.isEmpty() ? candidates : confirmedByNext)
        .ifPresent(r -> places.add(new Place(r, List.of(r), origin)));
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
    Region.Level shallowest = byDepth.get(0).level();
    List<Region> top = byDepth.stream().filter(r -> r.level() == shallowest).toList();
    return top.size() == 1 ? Optional.of(top.get(0)) : Optional.empty();
  }
}
