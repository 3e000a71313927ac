-- Deliveries are no longer looked up by the process instance that carries them: the station finds a delivery by its
-- number (the business key of a delivery started on its own) or by its order's number (a delivery an order called),
-- both indexed since V2. The index V4 made for the lookup by process instance only slowed down every insert.
-- V4's other indexes stay: dispute_case_process serves mediation's lookups, resident_need_resident a resident's needs.
drop index if exists delivery_process;
