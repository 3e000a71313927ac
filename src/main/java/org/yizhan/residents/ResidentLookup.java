package org.yizhan.residents;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.yizhan.platform.RequestRefusedException;

/**
 * Finds the one resident a volunteer means by what they typed at the desk: the resident's number ({@code R-0001}),
 * full name ({@code 张桂英}, or as registered, {@code 张桂英 (Zhang Guiying)}, or the name in brackets) or full phone
 * number. Both ways of placing an order (Tasklist's start form and {@code POST /api/orders}) come through here.
 *
 * <p>Names match whole, never a part: {@code 王秀} does not find {@code 王秀英}. Phones match whole as well; the last
 * four digits are not taken, since ten thousand guesses would walk through the registry's phones and most of them
 * would name several residents. Several residents with one name are refused with their numbers, buildings and ages
 * (what the desk already sees in the residents search, plus the age a caller can confirm); several residents with one
 * phone are refused without a list, so a phone number never leads to residents the caller does not name.
 */
@Component
public class ResidentLookup {

  /** Longer than any number, phone or name the registry holds (a bilingual name as registered included). */
  public static final int MAX_LENGTH = 40;
  /** How many residents a refusal lists at most. */
  static final int MAX_CANDIDATES = 10;
  private static final int MIN_PHONE_DIGITS = 7;

  private static final Pattern PHONE_LIKE = Pattern.compile("\\+?[\\d\\s-]+");
  private static final Pattern CHINA_PREFIX = Pattern.compile("^(?:\\+86|0086|86)(1\\d{10})$");
  private static final Pattern BILINGUAL = Pattern.compile("^(.*?)\\s*\\((.*)\\)$");
  private static final String SEARCH = "居民查询（/api/residents?q=姓名或楼栋）";
  private static final String SEARCH_EN = "the residents search (/api/residents?q=name or building)";

  private final JdbcClient jdbc;
  private final ResidentRepository residents;

  public ResidentLookup(JdbcClient jdbc, ResidentRepository residents) {
    this.jdbc = jdbc;
    this.residents = residents;
  }

  /**
   * The one active resident the text names.
   *
   * @param field the request's field the text came in, named in the refusal
   * @throws RequestRefusedException when the text is blank, names nobody or names several residents
   */
  public Resident resolve(String typed, String field) {
    String text = typed == null ? "" : Normalizer.normalize(typed, Normalizer.Form.NFKC).strip();
    if (text.isEmpty()) {
      throw new RequestRefusedException(field, "请填写居民编号、姓名或电话，如 R-0001 (Enter the resident's number, name or phone, "
          + "e.g. R-0001)");
    }
    if (text.length() > MAX_LENGTH) {
      throw new RequestRefusedException(field, "居民编号、姓名或电话最多 " + MAX_LENGTH + " 个字 (A resident's number, name or phone has at "
          + "most " + MAX_LENGTH + " characters)");
    }
    Optional<Resident> byNumber = residents.find(text).or(() -> residents.find(text.toUpperCase(Locale.ROOT)));
    if (byNumber.isPresent()) {
      return byNumber.get();
    }
    return PHONE_LIKE.matcher(text).matches() ? byPhone(text, field) : byName(text, field);
  }

  private Resident byPhone(String text, String field) {
    String digits = text.replaceAll("[\\s-]", "");
    Matcher china = CHINA_PREFIX.matcher(digits);
    digits = china.matches() ? china.group(1) : digits.replace("+", "");
    if (digits.length() < MIN_PHONE_DIGITS) {
      throw new RequestRefusedException(field, "“" + text + "” 不是完整的电话号码；请填完整的电话号码，或填居民编号、姓名 (" + text
          + " is not a whole phone number; enter the whole number, or the resident's number or name)");
    }
    // A phone may be registered with the country code (+86 139…, 0086 139…) as well as without it.
    List<String> ids = jdbc.sql("""
            select id from resident
            where active = true
              and replace(replace(replace(phone, '-', ''), ' ', ''), '+', '') in (:digits, :with86, :with0086)
            order by id""")
        .param("digits", digits).param("with86", "86" + digits).param("with0086", "0086" + digits)
        .query(String.class).list();
    if (ids.size() > 1) {
      throw new RequestRefusedException(field, "电话 " + text + " 登记了 " + ids.size() + " 位居民，请改填居民编号或姓名 (" + ids.size()
          + " residents share the phone " + text + "; enter the resident's number or name instead)");
    }
    return only(ids, text, field);
  }

  private Resident byName(String text, String field) {
    String name = text.replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    String like = name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    // As registered ("张桂英 (Zhang Guiying)"), or either half of a bilingual name.
    List<String> ids = jdbc.sql("""
            select id from resident
            where active = true
              and (lower(name) = :name or lower(name) like :chinese escape '\\' or lower(name) like :english escape '\\')
            order by id
            limit :limit""")
        .param("name", name).param("chinese", like + " (%").param("english", "% (" + like + ")")
        .param("limit", MAX_CANDIDATES + 1)
        .query(String.class).list();
    if (ids.size() > 1) {
      throw severalCalled(text, ids, field);
    }
    return only(ids, text, field);
  }

  private Resident only(List<String> ids, String text, String field) {
    return ids.stream().findFirst().flatMap(residents::find).orElseThrow(() -> new RequestRefusedException(field,
        "居民台账中找不到 “" + text + "”，请先在" + SEARCH + "查到居民编号再填 (No resident in the registry matches " + text
            + "; look the resident up in " + SEARCH_EN + " and enter the number)"));
  }

  /** Number, building and age of each: enough to ask the caller which one, nothing more about them. */
  private RequestRefusedException severalCalled(String text, List<String> ids, String field) {
    LocalDate today = LocalDate.now();
    List<Resident> found = ids.stream().limit(MAX_CANDIDATES).map(residents::find).flatMap(Optional::stream).toList();
    String more = ids.size() > MAX_CANDIDATES ? "等" : "";
    String count = ids.size() > MAX_CANDIDATES ? MAX_CANDIDATES + " 位以上" : ids.size() + " 位";
    String countEn = ids.size() > MAX_CANDIDATES ? "More than " + MAX_CANDIDATES : String.valueOf(ids.size());
    String chinese = found.stream().map(r -> r.id() + "（" + chinesePart(r.buildingName()) + "，"
        + (r.ageOn(today) == null ? "年龄不详" : r.ageOn(today) + "岁") + "）").collect(Collectors.joining("、"));
    String english = found.stream().map(r -> r.id() + " (" + englishPart(r.buildingName()) + ", "
        + (r.ageOn(today) == null ? "age unknown" : r.ageOn(today)) + ")").collect(Collectors.joining(", "));
    return new RequestRefusedException(field, "有 " + count + "居民叫 " + text + "，请改填编号：" + chinese + more + " (" + countEn
        + " residents are called " + text + "; enter the number instead: " + english + (more.isEmpty() ? "" : ", …")
        + ")");
  }

  /** "暖心里小区1号楼 (Building 1, Nuanxinli Estate)" → "暖心里小区1号楼"; a name in one language stays whole. */
  static String chinesePart(String bilingual) {
    Matcher parts = BILINGUAL.matcher(bilingual);
    return parts.matches() && !parts.group(1).isBlank() ? parts.group(1) : bilingual;
  }

  /** "暖心里小区1号楼 (Building 1, Nuanxinli Estate)" → "Building 1, Nuanxinli Estate". */
  static String englishPart(String bilingual) {
    Matcher parts = BILINGUAL.matcher(bilingual);
    return parts.matches() && !parts.group(2).isBlank() ? parts.group(2) : bilingual;
  }
}
