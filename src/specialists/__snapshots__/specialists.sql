with specialists as (
      select d.id, p.code as person, "p"."given_name" || ' ' || "p"."family_name" as person_name, d.kind, r.name as kind_name,
        d.specialisms,
        coalesce((select array_agg(sp.name order by sp.position) from specialism sp
          where sp.code = any(d.specialisms)), '{}') as specialism_names,
        sch.code as school, sch.name as school_name, area.code as area, sch.id as school_id,
        coalesce(d.days_per_year, r.funded_days)::float8 as days_per_year,
        held.funded, coalesce(c.committed, 0)::float8 as committed,
        held.funded - coalesce(c.committed, 0)::float8 as free,
        coalesce(c.schools, 0)::int as supporting,
        to_char(d.accredited_on, 'YYYY-MM-DD') as accredited_on,
        to_char(d.starts_on, 'YYYY-MM-DD') as starts_on, to_char(d.ends_on, 'YYYY-MM-DD') as ends_on
      from designation d
      join person p on p.id = d.person_id
      join leader_role r on r.code = d.kind
      -- their school: the one the designation names, else the school of the post they hold (a head's first)
      left join org_unit sch on sch.id = coalesce(d.school_id, (
        select po.org_unit_id from post po where po.person_id = d.person_id and po.starts_on <= $1::date
          and (po.ends_on is null or po.ends_on >= $2::date)
          and po.role in ('headteacher', 'executive_headteacher', 'deputy_headteacher', 'assistant_headteacher', 'teacher')
        order by array_position(array['headteacher', 'executive_headteacher', 'deputy_headteacher',
          'assistant_headteacher', 'teacher'], po.role::text), po.starts_on desc limit 1))
      left join lateral (
        select a.code from org_unit a
        where a.level = 'area' and a.id in (sch.parent_id, (select u.parent_id from org_unit u where u.id = sch.parent_id))
        limit 1
      ) area on true
      -- what the pool funds them: every current designation of a role that meets a need
      cross join lateral (
        select coalesce(sum(coalesce(h.days_per_year, hr.funded_days)), 0)::float8 as funded
        from designation h join leader_role hr on hr.code = h.kind
        where h.person_id = d.person_id and cardinality(hr.meets) > 0 and h.starts_on <= $3::date
          and (h.ends_on is null or h.ends_on >= $4::date)
      ) held
      left join lateral (
        select sum(dep.days_agreed) as committed, count(distinct n.school_id) as schools
        from deployment dep join support_need n on n.id = dep.need_id
        where dep.person_id = d.person_id and dep.status = 'active'
      ) c on true
      where (d.kind = any($5::text[]) or cardinality(d.specialisms) > 0)
        and ($6 or ((d.ends_on is null or d.ends_on >= $7::date) and d.starts_on <= $8::date))
        and ($9::int is null or d.id = $10)
    )
    select id, person, person_name, kind, kind_name, specialisms, specialism_names, school, school_name, area,
      days_per_year, funded, committed, free, supporting, accredited_on, starts_on, ends_on,
      count(*) over ()::int as total
    from specialists
    where ($11::text[] is null or school = any($12::text[]))
      and ($13::text is null or $14 = any(specialisms))
      and ($15::text is null or area = $16)
      and ($17::text is null or exists (
        select 1 from org_group g join org_group_member m on m.group_id = g.id
        where g.code = $18 and m.org_unit_id = school_id))
      and ($19::text is null or kind = $20)
      and ($21::float8 is null or free >= $22)
      and ($23::text is null or person_name ilike $24 or person ilike $25
        or school_name ilike $26 or school ilike $27)
    order by "free" desc nulls last, person_name, person, id
    limit $28::int offset $29::int
-- parameters: ["2026-11-28","2026-11-28","2026-11-28","2026-11-28",["sle","outstanding_teacher","support_staff_leader"],false,"2026-11-28","2026-11-28",null,null,["A","S1"],["A","S1"],"early_reading","early_reading","A","A","TA","TA","sle","sle",5,5,"%ma%","%ma%","%ma%","%ma%","%ma%",50,0]
