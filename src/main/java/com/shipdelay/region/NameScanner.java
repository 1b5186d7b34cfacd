package com.shipdelay.region;

import com.shipdelay.region.RegionNames.Match;
import com.shipdelay.region.RegionNames.Strength;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the region names in an address in one pass: the longest name at each position, leaving out
 * a name that straddles the word before it or begins a street's or shop's name, and marking each
 * with what the text around it says ({@link Found}).
 */
final class NameScanner {

  /**
   * A name found in the text, and what the text around it says: {@code compound} when it is part of
   * a village, compound, school or company name (太原新村, 某某(武汉)贸易有限公司); {@code weak} when it is only
   * a guess: a leading word that may be a person's name (南宫雪), or a district's short form standing
   * alone (和林格尔).
   */
  record Found(Match match, boolean compound, boolean weak, boolean promoted) {}

  private final RegionNames names;

  NameScanner(RegionNames names) {
    this.names = names;
  }

  List<Found> scan(AddressText address) {
    String text = address.text();
    List<Found> found = new ArrayList<>();
    Match previous = null;
    for (int i = 0; i < text.length(); ) {
      Match match = names.longestAt(text, i);
      if (match == null) {
        i++;
        continue;
      }
      if (SurroundingWords.straddles(address, match, previous)) {
        i++; // 石门镇江源村: 镇 ends the town's name, 镇江 is not a city here
        continue;
      }
      if (SurroundingWords.insideWord(address, match, previous)) {
        i++; // 雄安新区: 安新 is not 安新县 here, nor 新城 新城区 in 秦汉新城
        continue;
      }
      if (!startsStreetName(text, match)) {
        found.add(classify(address, match, found.isEmpty()));
      }
      previous = match;
      i = match.end();
    }
    return found;
  }

  private Found classify(AddressText address, Match match, boolean first) {
    String text = address.text();
    boolean compound = !match.official() && SurroundingWords.compoundName(text, match);
    boolean wordStart = address.wordBoundary(match.start());
    boolean nameLike = false;
    if (first && wordStart && !match.official()) {
      int wordEnd = match.end();
      while (wordEnd < text.length() && !address.wordBoundary(wordEnd)) {
        wordEnd++;
      }
      int rest = wordEnd - match.end();
      nameLike = rest >= 1 && rest <= 2 && names.longestAt(text, match.end()) == null;
    }
    boolean promoted =
        wordStart
            && address.wordBoundary(match.end())
            && match.aliases().size() == 1
            && match.aliases().get(0).strength() == Strength.CONTEXT
            && match.aliases().get(0).region().level() == Region.Level.DISTRICT;
    return new Found(match, compound, nameLike || promoted, promoted);
  }

  /** Whether the name ending at {@code match.end()} begins a street or shop name. */
  private boolean startsStreetName(String text, Match match) {
    if (match.official()) {
      return false; // a full name is not how a street begins: 金水区花园路
    }
    if (names.longestAt(text, match.end()) != null) {
      return false; // another place name follows: 哈尔滨道里区
    }
    return SurroundingWords.streetWordFollows(text, match.end());
  }
}
