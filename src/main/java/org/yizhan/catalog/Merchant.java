package org.yizhan.catalog;

/**
 * A partner merchant: sells goods (or, for the community partners, services) through the catalog.
 *
 * @param groupId the Camunda group whose members work the merchant's tasks, {@code merchant-<id>}
 */
public record Merchant(String id, String name, String groupId) {

  /** The group the order model offers a merchant's tasks to: {@code merchant-${merchantId}}. */
  public static String groupOf(String merchantId) {
    return "merchant-" + merchantId;
  }
}
