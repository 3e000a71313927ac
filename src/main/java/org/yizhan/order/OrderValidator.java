package org.yizhan.order;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.yizhan.catalog.CatalogItem;
import org.yizhan.catalog.CatalogRepository;
import org.yizhan.residents.Resident;
import org.yizhan.residents.ResidentLookup;

/**
 * Checks an order against the registry and the catalog and freezes its prices. Both ways of placing an order (the
 * API and Tasklist's start form) go through here, so both refuse the same things with the same words.
 */
@Component
public class OrderValidator {

  private final ResidentLookup residents;
  private final CatalogRepository catalog;

  public OrderValidator(ResidentLookup residents, CatalogRepository catalog) {
    this.residents = residents;
    this.catalog = catalog;
  }

  /** @throws OrderRefusedException naming the field at fault; a resident the text does not name is refused by {@link ResidentLookup} */
  public ValidOrder validate(OrderRequest request) {
    // By number, name or phone; the order is the resolved resident's whatever was typed.
    Resident resident = residents.resolve(request.residentId(), "residentId");
    if (request.items() == null || request.items().isEmpty()) {
      throw new OrderRefusedException("items", "订单里没有商品，请至少添加一项 (The order lists no items; add at least one)");
    }
    if (request.items().size() > OrderRequest.MAX_LINES) {
      throw new OrderRefusedException("items", "一张订单最多 " + OrderRequest.MAX_LINES + " 项 (An order may list at most " + OrderRequest.MAX_LINES
          + " items)");
    }
    if (request.note() != null && request.note().length() > OrderRequest.MAX_NOTE) {
      throw new OrderRefusedException("note", "备注最多 " + OrderRequest.MAX_NOTE + " 个字 (The note may be at most " + OrderRequest.MAX_NOTE
          + " characters)");
    }

    List<PricedLine> lines = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < request.items().size(); i++) {
      lines.add(priced(request.items().get(i), "items[" + i + "]", seen));
    }
    String note = request.note() == null || request.note().isBlank() ? null : request.note().trim();
    return new ValidOrder(resident, List.copyOf(lines), request.deliveryPreference(), note);
  }

  private PricedLine priced(OrderRequest.Line line, String path, Set<String> seen) {
    if (line == null) {
      throw new OrderRefusedException(path, path + " 是空行，请删掉或选择商品 (Line " + path + " is empty; remove it or choose an item)");
    }
    if (line.sku() == null || line.sku().isBlank()) {
      throw new OrderRefusedException(path + ".sku", "请为 " + path + " 选择商品 (Choose an item from the catalog for " + path + ")");
    }
    String sku = line.sku().trim();
    CatalogItem item = catalog.find(sku).orElseThrow(() -> new OrderRefusedException(path + ".sku",
        "商品目录中没有 " + sku + "，可订的商品见 /api/public/catalog (There is no item " + sku
            + " in the catalog; see /api/public/catalog for what can be ordered)"));
    if (!item.active()) {
      throw new OrderRefusedException(path + ".sku", item.name() + "（" + sku + "）暂时不能订 (cannot be ordered at the moment)");
    }
    if (!seen.add(sku)) {
      throw new OrderRefusedException(path + ".sku", sku + " 重复了，请把数量写在同一行 (" + sku + " is listed twice; put the whole quantity on one line)");
    }
    if (line.quantity() == null) {
      throw new OrderRefusedException(path + ".quantity", "请填写 " + item.name() + " 的数量 (Enter how many of " + sku + ")");
    }
    if (line.quantity() <= 0) {
      throw new OrderRefusedException(path + ".quantity", item.name() + " 的数量至少为 1 (The quantity of " + sku + " must be at least 1)");
    }
    if (line.quantity() > item.maxQuantity()) {
      throw new OrderRefusedException(path + ".quantity", "每单最多 " + item.maxQuantity() + " × " + item.name()
          + "，" + line.quantity() + " 太多了 (One order may take at most " + item.maxQuantity() + " × " + sku + "; "
          + line.quantity() + " is too many)");
    }
    return new PricedLine(item, line.quantity());
  }
}
