package org.yizhan.order;

import java.security.SecureRandom;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * The code on a resident's slip that opens the public order page: ten characters from an alphabet without look-alikes
 * (no 0/O, 1/I/L), about 8 × 10^14 possibilities, drawn with a secure random generator, so that nobody can walk
 * through the orders by counting. Orders placed before codes existed get theirs when the station starts.
 */
@Component
class PublicCodes implements ApplicationRunner {

  static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  static final int LENGTH = 10;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final OrderRepository orders;

  PublicCodes(OrderRepository orders) {
    this.orders = orders;
  }

  static String next() {
    StringBuilder code = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return code.toString();
  }

  /** Whether a text could be a code at all: refused before the database is asked. */
  static boolean looksLikeOne(String text) {
    return text != null && text.length() == LENGTH && text.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0);
  }

  @Override
  public void run(ApplicationArguments args) {
    orders.ordersWithoutPublicCode().forEach(orderNo -> orders.setPublicCode(orderNo, next()));
  }
}
