package org.yizhan.catalog;

/** Goods are bought from a merchant and handed over; services are done for the resident. */
public enum ItemKind {
  GOODS,
  SERVICE
}
