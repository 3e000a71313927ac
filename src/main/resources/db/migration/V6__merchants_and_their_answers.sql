-- Merchants become records (issue 14, item 4): each sells its own goods, works its own tasks in its own group
-- (merchant-<id>) and answers for its own part of an order. Written in SQL that both H2 and PostgreSQL accept.

create table merchant (
  id        varchar(32)  primary key,
  name      varchar(200) not null,
  -- The Camunda group whose members work this merchant's tasks; the order model offers them to merchant-<id>.
  group_id  varchar(64)  not null,
  constraint merchant_name unique (name),
  constraint merchant_group unique (group_id)
);

-- Every merchant the catalog or an order named so far, by the free text they were named with. The demo station's
-- four keep the ids its seeds give them; any other name gets a numbered id (m1, m2, …) that Camunda Admin's group
-- merchant-m1 … then stands for.
insert into merchant (id, name, group_id)
select numbered.id, numbered.name, 'merchant-' || numbered.id
from (
  select named.name,
         case named.name
           when 'Hetao Market (河套超市)' then 'hetao-market'
           when 'Wuda Grain & Oil (乌达粮油店)' then 'wuda-grain'
           when 'Community partner barber (社区合伙人理发师)' then 'partner-barber'
           when 'Community partner repairer (社区合伙人维修师傅)' then 'partner-repairer'
           else 'm' || cast(row_number() over (order by named.name) as varchar(10))
         end as id
  from (select merchant as name from catalog_item where merchant is not null
        union
        select merchant as name from station_order_item where merchant is not null) named
) numbered;

-- The catalog names its merchant by id; the name lives with the merchant.
alter table catalog_item add column merchant_id varchar(32);
update catalog_item set merchant_id = (select m.id from merchant m where m.name = catalog_item.merchant);
alter table catalog_item add constraint catalog_item_merchant foreign key (merchant_id) references merchant (id);
alter table catalog_item drop column merchant;

-- An order's lines keep the merchant's name as it was when ordered (frozen, like the price) and now its id too.
alter table station_order_item add column merchant_id varchar(32);
update station_order_item set merchant_id = (select m.id from merchant m where m.name = station_order_item.merchant);
alter table station_order_item add constraint station_order_item_merchant
  foreign key (merchant_id) references merchant (id);
create index station_order_item_merchant on station_order_item (merchant_id, order_no);

-- Each merchant's answer for its part of an order: asked when its part starts, answered by a member of its group.
create table station_order_merchant (
  order_no          varchar(32)   not null references station_order (order_no),
  merchant_id       varchar(32)   not null references merchant (id),
  frozen_amount     decimal(10,2) not null,
  asked_at          timestamp     not null,
  in_stock          boolean,
  confirmed_amount  decimal(10,2),
  note              varchar(400),
  answered_by       varchar(64),
  answered_at       timestamp,
  price_agreed      boolean,
  delivered_by      varchar(64),
  delivered_at      timestamp,
  primary key (order_no, merchant_id),
  constraint station_order_merchant_amount check (confirmed_amount >= 0)
);
create index station_order_merchant_merchant on station_order_merchant (merchant_id);
