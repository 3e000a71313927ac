package org.yizhan.residents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.yizhan.StationTest;
import org.yizhan.platform.RequestRefusedException;

/**
 * The desk names a resident by number, full name or phone. Runs against the demo registry in the in-memory database;
 * residents a test adds are rolled back after it.
 */
@StationTest
@Transactional
class ResidentLookupTest {

  @Autowired ResidentLookup lookup;
  @Autowired ResidentRepository residents;
  @Autowired JdbcClient jdbc;

  @Test
  void everyResidentIsFoundByNumberNameAsRegisteredEitherHalfOfTheNameAndPhone() {
    List<Resident> registry = residents.search("", 1000);
    assertThat(registry).hasSizeGreaterThanOrEqualTo(6);

    for (Resident resident : registry) {
      String chinese = resident.name().replaceAll("\\s*\\(.*\\)$", "");
      String english = resident.name().replaceAll("^.*\\((.*)\\)$", "$1");
      for (String typed : List.of(resident.id(), resident.id().toLowerCase(), resident.name(), chinese, english,
          english.toUpperCase(), resident.phone())) {
        assertThat(lookup.resolve(typed, "residentId").id()).as(typed).isEqualTo(resident.id());
      }
    }
  }

  @Test
  void surroundingSpacesFullWidthCharactersAndPhoneSeparatorsAreIgnored() {
    for (String typed : List.of("  R-0001\t", "\u3000R-0001\u3000", "Ｒ－０００１", "r-0001 ", " 张桂英 ", "\u3000张桂英",
        "１３９０００００００１", "139 0000 0001", "139-0000-0001", "+86 139 0000 0001", "008613900000001")) {
      assertThat(lookup.resolve(typed, "residentId").id()).as(typed).isEqualTo("R-0001");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "\u3000", "\n\t"})
  void blankIsRefusedAskingForNumberNameOrPhone(String typed) {
    assertRefused(typed).hasMessage("请填写居民编号、姓名或电话，如 R-0001 (Enter the resident's number, name or phone, e.g. R-0001)");
    assertRefused(null).hasMessageStartingWith("请填写居民编号、姓名或电话");
  }

  @ParameterizedTest
  @ValueSource(strings = {"R-9999", "赵无名", "Nobody Here", "13900009999", "%", "_", "张%", "R-000_", "' or 1=1 --"})
  void textThatNamesNobodyIsRefusedPointingToTheResidentsSearch(String typed) {
    assertRefused(typed).hasMessage("居民台账中找不到 “" + typed + "”，请先在居民查询（/api/residents?q=姓名或楼栋）查到居民编号再填 "
        + "(No resident in the registry matches " + typed + "; look the resident up in the residents search "
        + "(/api/residents?q=name or building) and enter the number)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"张", "张桂", "桂英", "Zhang", "Guiying", "Zhang Gui", "R-000", "R-00011", "张桂英英"})
  void partOfANameOrNumberIsNotAMatch(String typed) {
    assertRefused(typed).hasMessageStartingWith("居民台账中找不到");
  }

  @Test
  void nameThatIsTheBeginningOfAnotherResidentsNameFindsOnlyItsOwnResident() {
    addResident("R-0901", "王秀", "13900000901", "B01", LocalDate.of(1950, 1, 1));
    addResident("R-0902", "王秀英", "13900000902", "B02", LocalDate.of(1950, 1, 1));

    assertThat(lookup.resolve("王秀", "residentId").id()).isEqualTo("R-0901");
    assertThat(lookup.resolve("王秀英", "residentId").id()).isEqualTo("R-0902");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1234", "0001", "000 1", "139000"})
  void lastDigitsOfAPhoneAreNotEnough(String typed) {
    assertRefused(typed).hasMessageStartingWith("“" + typed + "” 不是完整的电话号码");
  }

  @Test
  void severalResidentsWithTheNameAreRefusedWithNumberBuildingAndAgeButNoPhoneOrAddress() {
    LocalDate today = LocalDate.now();
    addResident("R-0903", "王秀英", "13900000903", "B11", today.minusYears(82).minusDays(1));
    addResident("R-0904", "王秀英 (Wang Xiuying)", "13900000904", "B01", today.minusYears(67));
    addResident("R-0905", "王秀英", "13900000905", "B02", null);

    for (String typed : List.of("王秀英", " 王秀英 ")) {
      assertRefused(typed).hasMessage("有 3 位居民叫 王秀英，请改填编号：R-0903（老厂区11号楼，82岁）、R-0904（暖心里小区1号楼，67岁）、"
          + "R-0905（暖心里小区2号楼，年龄不详） (3 residents are called 王秀英; enter the number instead: "
          + "R-0903 (Building 11, Old Mill Estate, 82), R-0904 (Building 1, Nuanxinli Estate, 67), "
          + "R-0905 (Building 2, Nuanxinli Estate, age unknown))")
          .message().doesNotContain("139", "单元", "Room", "Unit");
    }
    assertThat(lookup.resolve("R-0904", "residentId").id()).as("the number still finds each").isEqualTo("R-0904");
    assertThat(lookup.resolve("wang xiuying", "residentId").id()).as("only one is registered with this spelling")
        .isEqualTo("R-0904");
  }

  @Test
  void manyResidentsWithTheNameAreListedUpToTenAndCounted() {
    for (int i = 10; i < 22; i++) {
      addResident("R-09" + i, "李明", null, "B01", null);
    }

    assertRefused("李明").message().startsWith("有 10 位以上居民叫 李明，请改填编号：R-0910（")
        .contains("R-0919（").doesNotContain("R-0920").contains("等 (More than 10 residents are called 李明;")
        .endsWith(", …)");
  }

  @Test
  void severalResidentsSharingAPhoneAreRefusedWithoutNamingThem() {
    addResident("R-0906", "郝建华", "0478-8123456", "B01", null);
    addResident("R-0907", "郝小红", "04788123456", "B02", null);

    assertRefused("04788123456").hasMessage("电话 04788123456 登记了 2 位居民，请改填居民编号或姓名 (2 residents share the "
        + "phone 04788123456; enter the resident's number or name instead)")
        .message().doesNotContain("R-09", "郝");
    assertThat(lookup.resolve("郝小红", "residentId").id()).isEqualTo("R-0907");
  }

  @Test
  void aPhoneRegisteredWithTheCountryCodeIsFoundWithOrWithoutIt() {
    addResident("R-0909", "乌云", "+86 139-0000-0909", "B01", null);
    addResident("R-0910", "其木格", "0086 13900000910", "B02", null);

    for (String typed : List.of("13900000909", "+86 139 0000 0909", "0086-13900000909", "139-0000-0909")) {
      assertThat(lookup.resolve(typed, "residentId").id()).as(typed).isEqualTo("R-0909");
    }
    for (String typed : List.of("13900000910", "+8613900000910")) {
      assertThat(lookup.resolve(typed, "residentId").id()).as(typed).isEqualTo("R-0910");
    }
  }

  @Test
  void residentNoLongerActiveIsNotFoundByAnyMeans() {
    addResident("R-0908", "马德胜", "13900000908", "B01", null);
    jdbc.sql("update resident set active = false where id = 'R-0908'").update();

    for (String typed : List.of("R-0908", "马德胜", "13900000908")) {
      assertRefused(typed).hasMessageStartingWith("居民台账中找不到");
    }
  }

  @Test
  void textLongerThanAnyNumberNameOrPhoneIsRefused() {
    assertRefused("张".repeat(ResidentLookup.MAX_LENGTH + 1)).hasMessageStartingWith("居民编号、姓名或电话最多 40 个字");
  }

  private org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertRefused(String typed) {
    return assertThatThrownBy(() -> lookup.resolve(typed, "residentId")).isInstanceOfSatisfying(
        RequestRefusedException.class, refused -> assertThat(refused.field()).isEqualTo("residentId"));
  }

  private void addResident(String id, String name, String phone, String building, LocalDate birthDate) {
    jdbc.sql("insert into resident (id, name, phone, building_id, birth_date) values (?, ?, ?, ?, ?)")
        .params(id, name, phone, building, birthDate).update();
  }
}
