-- Volunteer points (积分): from this version on a volunteer's balance is the sum of their volunteer_points entries,
-- and a credit only inserts an entry (PointsLedger). Until now the balance was volunteer_balance.balance, kept beside
-- the entries in the same transactions, so the two agree; where they do not (rows written by hand), one entry carries
-- the difference over, and every volunteer keeps the balance they had.
insert into volunteer_points (user_id, at, points, reason, ref)
select volunteer.user_id, localtimestamp, coalesce(account.balance, 0) - coalesce(entries.total, 0),
       '升级时结转的余额 (Balance carried over at the upgrade)', 'V9'
from (select user_id from volunteer_balance union select user_id from volunteer_points) volunteer
left join volunteer_balance account on account.user_id = volunteer.user_id
left join (select user_id, sum(points) as total from volunteer_points group by user_id) entries
  on entries.user_id = volunteer.user_id
where coalesce(account.balance, 0) - coalesce(entries.total, 0) <> 0;

-- The table stays: its rows are what redemptions lock, one at a time per volunteer, and nodes of the previous release
-- still read and check the column while a cluster is upgraded node by node (docs/operations.md, 升级).
comment on column volunteer_balance.balance is
  'Not the balance (that is the sum of volunteer_points): kept by redemptions at or below it for nodes of releases before V9';
