select c.id, to_char(c.on_date, 'YYYY-MM-DD') as on_date,
      to_char(c.recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as recorded_at, c.kind,
      c.summary, coalesce("p"."given_name" || ' ' || "p"."family_name", c.author) as author, c.reason, c.details
    from strategy_change c left join person p on p.id = c.author_person_id
    where c.details->'action_ids' @> $1::jsonb
    order by c.on_date, c.id
-- parameters: ["[7]"]
