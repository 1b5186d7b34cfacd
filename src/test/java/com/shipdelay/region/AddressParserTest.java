package com.shipdelay.region;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * Real-looking addresses and the places they name. The expected codes in {@code
 * region/addresses.csv} were looked up by name in the dictionary, not copied from the parser.
 */
class AddressParserTest {

  static Regions regions;
  static AddressParser parser;

  @BeforeAll
  static void buildOnce() {
    regions = new Regions();
    parser = new AddressParser(regions);
  }

  @ParameterizedTest(name = "{0} -> {1} dual={2}")
  @CsvFileSource(resources = "/region/addresses.csv", numLinesToSkip = 1)
  void findsThePlacesAnAddressNames(String address, String regionCodes, boolean dual) {
    List<String> expected =
        regionCodes == null ? List.of() : Arrays.asList(regionCodes.split("\\|"));

    var parsed = parser.parse(address);

    assertThat(parsed.mentions()).extracting(Region::code).containsExactlyElementsOf(expected);
    assertThat(parsed.dual()).isEqualTo(dual);
    assertThat(parsed.regionCode())
        .isEqualTo(
            expected.size() == 1
                ? java.util.Optional.of(expected.get(0))
                : java.util.Optional.empty());
  }

  @Test
  void theTableCoversEveryProvinceLevelRegion() throws Exception {
    Set<String> covered;
    try (var in = getClass().getResourceAsStream("/region/addresses.csv")) {
      covered =
          new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
              .lines()
              .skip(1)
              .map(line -> line.split(",", -1)[1])
              .flatMap(codes -> Arrays.stream(codes.split("\\|")))
              .filter(code -> !code.isEmpty())
              .map(code -> code.substring(0, 2))
              .collect(Collectors.toSet());
    }
    Set<String> provinces =
        regions.all().stream()
            .filter(r -> r.level() == Region.Level.PROVINCE)
            .map(Region::code)
            .collect(Collectors.toSet());

    assertThat(provinces).hasSize(34).contains("81", "82", "71");
    assertThat(covered).containsAll(provinces);
  }

  @Test
  void hongKongMacaoAndTaiwanAreProvinces() {
    assertThat(regions.exists("81")).isTrue();
    assertThat(regions.exists("82")).isTrue();
    assertThat(regions.exists("71")).isTrue();
    assertThat(regions.find("81").orElseThrow().level()).isEqualTo(Region.Level.PROVINCE);
    assertThat(regions.exists("8101")).isFalse();
  }

  @Test
  void nothingToFindInNothing() {
    assertThat(parser.parse(null).mentions()).isEmpty();
    assertThat(parser.parse("   ").mentions()).isEmpty();
    assertThat(parser.parse("收货地址不详123号").mentions()).isEmpty();
  }
}
