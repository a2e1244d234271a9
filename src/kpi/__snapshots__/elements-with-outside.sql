select "e"."code", "e"."name", "e"."aggregation", "e"."min_value", "e"."max_value", count(dv.element_id)::int as "outside" from "data_element" as "e" left join "data_value" as "dv" on "dv"."element_id" = "e"."id" and (dv.value < e.min_value or dv.value > e.max_value) where "e"."operand_of" is null group by "e"."id" order by "e"."code"
-- parameters: []
