package com.shipdelay.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipdelay.region.AddressParser;
import com.shipdelay.region.Regions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What an order stores about its address's places, from the parse and the platform's region. */
class AddressRegionsTest {

  static AddressParser parser;

  @BeforeAll
  static void build() {
    parser = new AddressParser(new Regions());
  }

  @Test
  void derivedFromTheAddressTheFirstPlaceIsTheReceivingRegion() {
    var r = AddressRegions.of(parser.parse("陕西省西安市新疆乌鲁木齐xxxxxx"), null);

    assertThat(r.receivingRegion()).isEqualTo("6101");
    assertThat(r.regions()).containsExactly("6101", "6501");
    assertThat(r.dual()).isTrue();
    assertThat(r.given()).isFalse();
  }

  @Test
  void thePlatformsRegionComesFirstAndPlacesAroundOrInsideItAreNotRepeated() {
    var inside = AddressRegions.of(parser.parse("陕西省西安市新疆乌鲁木齐xxxxxx"), "650102");
    assertThat(inside.regions()).containsExactly("650102", "6101");
    assertThat(inside.given()).isTrue();

    var same = AddressRegions.of(parser.parse("陕西省西安市雁塔区小寨东路1号"), "61");
    assertThat(same.regions()).containsExactly("61");
    assertThat(same.dual()).isFalse();

    var unplaced = AddressRegions.of(parser.parse("无法识别"), "650102");
    assertThat(unplaced.regions()).containsExactly("650102");
  }

  @Test
  void aRowFromBeforeTheFlagTakesTheParsersReadingUnlessItsOwnIsFinerOrTheOnlyOne() {
    var wrong = AddressRegions.legacy(parser.parse("陕西省西安市雁塔区小寨东路1号"), "3211");
    assertThat(wrong.receivingRegion()).isEqualTo("610113");
    assertThat(wrong.given()).isFalse();

    var same = AddressRegions.legacy(parser.parse("陕西省西安市雁塔区小寨东路1号"), "610113");
    assertThat(same.given()).as("the parser's own reading").isFalse();

    var finer = AddressRegions.legacy(parser.parse("陕西省西安市"), "610113");
    assertThat(finer.receivingRegion()).isEqualTo("610113");
    assertThat(finer.given()).isNull();

    var only = AddressRegions.legacy(parser.parse("无法识别"), "610113");
    assertThat(only.receivingRegion()).isEqualTo("610113");
    assertThat(only.regions()).containsExactly("610113");
    assertThat(only.given()).isNull();
  }

  @Test
  void theShownListFallsBackToTheReceivingRegion() {
    assertThat(AddressRegions.shown(java.util.List.of(), "610113")).containsExactly("610113");
    assertThat(AddressRegions.shown(java.util.List.of(), null)).isEmpty();
  }
}
