select p.id, p.code, "p"."given_name" || ' ' || "p"."family_name" as name,
      (select json_agg(json_build_object('kind', d.kind, 'days', d.days_per_year, 'accredited_on', d.accredited_on,
          'specialisms', d.specialisms) order by d.kind)
       from designation d where d.person_id = p.id and d.starts_on <= $1
         and (d.ends_on is null or d.ends_on >= $2)) as designations,
      -- a specialist's designation names their school; else the school of their deputy's or teacher's post
      coalesce(
        (select o.code from designation d join org_unit o on o.id = d.school_id where d.person_id = p.id
           and d.starts_on <= $3 and (d.ends_on is null or d.ends_on >= $4)
           order by d.starts_on desc, d.id desc limit 1),
        (select o.code from post po join org_unit o on o.id = po.org_unit_id where po.person_id = p.id
           and po.role in ('deputy_headteacher', 'assistant_headteacher', 'teacher') and po.starts_on <= $5
           and (po.ends_on is null or po.ends_on >= $6) order by po.starts_on desc limit 1)) as works_at
    from person p
    where p.code = any($7::text[]) or exists (
      select 1 from designation d where d.person_id = p.id and d.starts_on <= $8
        and (d.ends_on is null or d.ends_on >= $9))
    order by p.code
-- parameters: ["2026-11-01","2026-11-01","2026-11-01","2026-11-01","2026-11-01","2026-11-01",["P4","P7"],"2026-11-01","2026-11-01"]
