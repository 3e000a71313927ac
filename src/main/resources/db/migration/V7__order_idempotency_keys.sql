-- Idempotency keys for placing orders (issue 16, item 5): a client that retries POST /api/orders with the same
-- Idempotency-Key header gets the first order back instead of a second one. Keys belong to the signed-in user who sent
-- them, so the primary key is (caller, idem_key): one user's key never finds another user's order, and two requests
-- with the same key cannot both insert a row (the loser waits for, then collides with, the first). The row is written
-- in the transaction that registers the order, so neither is ever committed without the other; order_no is filled in
-- before that transaction commits. Keys are kept 7 days (OrderIdempotencyKeys.RETENTION). Written in SQL that both H2
-- and PostgreSQL accept.
create table order_idempotency_key (
  caller       varchar(255) not null,
  idem_key     varchar(100) not null,
  -- SHA-256 (hex) of the order request as it was read, so a reused key with a different order is refused.
  fingerprint  varchar(64)  not null,
  order_no     varchar(32)  references station_order (order_no),
  created_at   timestamp    not null,
  primary key (caller, idem_key)
);
create index order_idempotency_key_created on order_idempotency_key (created_at);
