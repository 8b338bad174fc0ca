-- The desk's schema, version 3: a pull reads the desk's sequence through
-- its index. Version 1 joined the desk by name, so the planner scanned
-- every revision of the desk and sorted them to take the next batch: a new
-- laptop's first sync of a 200,000-revision desk spent 70 ms of each
-- 500-revision batch there (O(n²) in all). The desk's id, looked up once
-- as an InitPlan, lets `UNIQUE (desk_id, seq)` give the rows in order.
-- Same rows, same order, same rights (invoker's, row-level security).

CREATE OR REPLACE FUNCTION briefdesk.pull(p_desk text, p_after bigint, p_limit integer)
RETURNS SETOF briefdesk.revision
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT r.* FROM briefdesk.revision r
    WHERE r.desk_id = (SELECT d.id FROM briefdesk.desk d WHERE d.name = p_desk) AND r.seq > p_after
    ORDER BY r.seq LIMIT least(p_limit, 5000)
$$;
