select p.id, p.code, "p"."given_name" || ' ' || "p"."family_name" as name,
      (select json_agg(json_build_object('kind', d.kind, 'days', d.days_per_year, 'accredited_on', d.accredited_on) order by d.kind)
       from designation d where d.person_id = p.id and d.starts_on <= $1
         and (d.ends_on is null or d.ends_on >= $2)) as designations,
      (select o.code from post po join org_unit o on o.id = po.org_unit_id where po.person_id = p.id
         and po.role in ('deputy_headteacher', 'assistant_headteacher', 'teacher') and po.starts_on <= $3
         and (po.ends_on is null or po.ends_on >= $4) order by po.starts_on desc limit 1) as works_at
    from person p
    where p.code = any($5::text[]) or exists (
      select 1 from designation d where d.person_id = p.id and d.starts_on <= $6
        and (d.ends_on is null or d.ends_on >= $7))
    order by p.code
-- parameters: ["2026-11-01","2026-11-01","2026-11-01","2026-11-01",["P4","P7"],"2026-11-01","2026-11-01"]
