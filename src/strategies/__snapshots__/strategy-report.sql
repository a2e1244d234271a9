select distinct on ("u"."action_id") "u"."action_id", "u"."to_status", to_char(u.on_date, 'YYYY-MM-DD') as "on_date" from "strategy_update" as "u" inner join "strategy_action" as "a" on "a"."id" = "u"."action_id" inner join "strategy_strand" as "st" on "st"."id" = "a"."strand_id" where "st"."strategy_id" = $1 and "u"."on_date" <= $2::date order by "u"."action_id", "u"."on_date" desc, "u"."id" desc
-- parameters: [1,"2026-03-31"]


select "u"."action_id", to_char(u.on_date, 'YYYY-MM-DD') as "on", "u"."author", "u"."to_status", "u"."commentary" from "strategy_update" as "u" inner join "strategy_action" as "a" on "a"."id" = "u"."action_id" inner join "strategy_strand" as "st" on "st"."id" = "a"."strand_id" where "st"."strategy_id" = $1 and "u"."on_date" >= $2::date and "u"."on_date" <= $3::date and btrim(u.commentary) <> '' order by "u"."on_date", "u"."id"
-- parameters: [1,"2026-01-01","2026-03-31"]


select "a"."strand_id", "m"."action_id", "a"."code" as "action_code", "m"."title", to_char(m.due_on, 'YYYY-MM-DD') as "due_on", to_char(m.done_on, 'YYYY-MM-DD') as "done_on", (m.done_on is null or m.done_on > m.due_on) as "missed" from "strategy_milestone" as "m" inner join "strategy_action" as "a" on "a"."id" = "m"."action_id" inner join "strategy_strand" as "st" on "st"."id" = "a"."strand_id" where "st"."strategy_id" = $1 and "m"."due_on" >= $2::date and "m"."due_on" <= $3::date order by "m"."due_on", "a"."code", "m"."id"
-- parameters: [1,"2026-01-01","2026-03-31"]
