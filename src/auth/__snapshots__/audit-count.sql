select count(*)::int as total from audit_event e where lower(e.actor) like lower($1) and e.action = $2 and e.entity = $3 and e.at >= ($4::date)::timestamp at time zone 'UTC' and e.at < ($5::date + 1)::timestamp at time zone 'UTC' and exists (select 1 from audit_change c
      where c.table_name = $6 and c.txid = e.txid
        and (c.before ->> 'id' = $7 or c.after ->> 'id' = $8)) and (e.actor ilike $9 or e.action ilike $10
      or e.entity ilike $11 or e.details::text ilike $12)
-- parameters: ["%admin@%","add_user","user","2026-11-01","2026-11-30","app_user","42","42","%north%","%north%","%north%","%north%"]
