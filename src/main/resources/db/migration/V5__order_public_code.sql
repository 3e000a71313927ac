-- The code printed on the resident's slip, by which the public order page finds the order. Order numbers are
-- sequential (YZ-yymmdd-nnnn) and were enough to read every order's progress; the code cannot be guessed.
alter table station_order add column public_code varchar(16);
create unique index station_order_public_code on station_order (public_code);
