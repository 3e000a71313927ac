package org.yizhan.delivery;

/** What a doorstep delivery carries. */
public enum DeliveryKind {
  GOODS("Ordered goods (订购商品)"),
  MEAL("Meal from the elderly canteen (助老餐)"),
  VEGETABLES("Shared vegetable package (共享蔬菜包)"),
  MEDICINE("Medicine (药品)");

  private final String label;

  DeliveryKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
