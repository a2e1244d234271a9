select p.id, p.code, "p"."given_name" || ' ' || "p"."family_name" as name,
      (select json_agg(json_build_object('kind', d.kind, 'days', d.days_per_year, 'accredited_on', d.accredited_on) order by d.kind)
       from designation d where d.person_id = p.id and d.starts_on <= $1
         and (d.ends_on is null or d.ends_on >= $2)) as designations
    from person p
    where p.code = any($3::text[]) or exists (
      select 1 from designation d where d.person_id = p.id and d.starts_on <= $4
        and (d.ends_on is null or d.ends_on >= $5))
    order by p.code
-- parameters: ["2026-11-01","2026-11-01",["P4","P7"],"2026-11-01","2026-11-01"]
