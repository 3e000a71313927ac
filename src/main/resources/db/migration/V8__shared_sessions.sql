-- Shared sessions (issue 16, item 4): the webapps' sessions (who signed in to Tasklist, Cockpit, Admin; the CSRF token)
-- live in these two tables instead of one node's memory, so any node can answer any request of a signed-in volunteer
-- (Spring Session JDBC, docs/operations.md "会话共享 (Shared sessions)"). The tables are Spring Session 3.5's own
-- (schema-h2.sql / schema-postgresql.sql in spring-session-jdbc), names and columns unchanged because its repository
-- writes them by these names; spring.session.jdbc.initialize-schema is "never", this migration is the only creator.
-- Written in SQL that both H2 (regular mode) and PostgreSQL accept: the one difference between Spring's two scripts is
-- the attribute column, LONGVARBINARY on H2 and BYTEA on PostgreSQL; H2 reads BYTEA as BINARY VARYING, which holds
-- the same bytes.
-- Times are epoch milliseconds, as Spring Session writes them. principal_name is the signed-in user's id
-- (platform/security/WebappSignInSessionFilter), for an operator who needs to end one volunteer's sessions.
create table spring_session (
  primary_id            char(36)     not null,
  session_id            char(36)     not null,
  creation_time         bigint       not null,
  last_access_time      bigint       not null,
  max_inactive_interval int          not null,
  expiry_time           bigint       not null,
  principal_name        varchar(100),
  constraint spring_session_pk primary key (primary_id)
);
create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

-- One row per session attribute, the value Java-serialized (Camunda's Authentications, the CSRF token, ...).
create table spring_session_attributes (
  session_primary_id char(36)     not null,
  attribute_name     varchar(200) not null,
  attribute_bytes    bytea        not null,
  constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
  constraint spring_session_attributes_fk foreign key (session_primary_id)
    references spring_session (primary_id) on delete cascade
);
