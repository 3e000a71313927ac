package org.yizhan.delivery;

/** What a doorstep delivery carries. */
public enum DeliveryKind {
  GOODS("订购商品 (Ordered goods)"),
  MEAL("助老餐 (Meal from the elderly canteen)"),
  VEGETABLES("共享蔬菜包 (Shared vegetable package)"),
  MEDICINE("药品 (Medicine)");

  private final String label;

  DeliveryKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
