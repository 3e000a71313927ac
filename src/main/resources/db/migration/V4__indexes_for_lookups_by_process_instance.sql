-- Lookups the station makes on every delivery and dispute it registers (by the process instance that registered it),
-- and a resident's needs. H2 indexes foreign-key columns by itself, PostgreSQL does not.
create index delivery_process on delivery (process_instance_id);
create index dispute_case_process on dispute_case (process_instance_id);
create index resident_need_resident on resident_need (resident_id, heard_at);
