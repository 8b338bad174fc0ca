-- The desk's schema, version 1. Run by `briefdesk-cli desk init` as the
-- role that owns the schema (briefdesk_owner), in one transaction.
--
-- People never write tables: they hold SELECT (limited by row-level
-- security to their desks) and EXECUTE on the protocol's functions, which
-- run as the owner with a fixed search_path and check the caller's role.
-- Revisions are never updated or deleted.

CREATE TABLE briefdesk.desk (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
    -- The desk's sequence: taken under this row's lock, so numbers become
    -- visible in commit order, without gaps.
    last_seq   bigint NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE briefdesk.member (
    desk_id  bigint NOT NULL REFERENCES briefdesk.desk (id) ON DELETE CASCADE,
    login    name NOT NULL,
    role     text NOT NULL CHECK (role IN ('reporter', 'editor')),
    added_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (desk_id, login)
);
CREATE INDEX member_by_login ON briefdesk.member (login);

CREATE TABLE briefdesk.brief (
    id                uuid PRIMARY KEY,
    desk_id           bigint NOT NULL REFERENCES briefdesk.desk (id),
    author            name NOT NULL,
    state             text NOT NULL DEFAULT 'draft'
                      CHECK (state IN ('draft', 'in_review', 'ready', 'filed')),
    head              uuid,
    head_version      integer NOT NULL DEFAULT 0,
    open_conflicts    integer NOT NULL DEFAULT 0 CHECK (open_conflicts >= 0),
    approved_revision uuid,
    note              text,
    updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX brief_by_desk ON briefdesk.brief (desk_id);

CREATE TABLE briefdesk.revision (
    id         uuid PRIMARY KEY,
    brief_id   uuid NOT NULL REFERENCES briefdesk.brief (id),
    desk_id    bigint NOT NULL REFERENCES briefdesk.desk (id),
    seq        bigint NOT NULL,
    parent     uuid,
    merged     uuid[] NOT NULL DEFAULT '{}',
    kind       text NOT NULL CHECK (kind IN ('save', 'version', 'merge', 'conflict', 'state')),
    -- What a conflict revision was pushed as.
    wanted     text,
    label      text,
    version    integer,
    author     name NOT NULL,
    state      text,
    body       jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (desk_id, seq)
);
CREATE INDEX revision_by_brief ON briefdesk.revision (brief_id, seq);

-- A conflict revision is open until a merge names it.
CREATE TABLE briefdesk.conflict (
    revision_id uuid PRIMARY KEY REFERENCES briefdesk.revision (id),
    brief_id    uuid NOT NULL REFERENCES briefdesk.brief (id),
    merged_by   uuid REFERENCES briefdesk.revision (id)
);

-- The desks the connected person belongs to. SECURITY DEFINER, so the
-- row-level policies can ask without granting member reads recursively.
CREATE FUNCTION briefdesk.my_desks() RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT desk_id FROM briefdesk.member WHERE login = session_user
$$;

ALTER TABLE briefdesk.desk ENABLE ROW LEVEL SECURITY;
ALTER TABLE briefdesk.member ENABLE ROW LEVEL SECURITY;
ALTER TABLE briefdesk.brief ENABLE ROW LEVEL SECURITY;
ALTER TABLE briefdesk.revision ENABLE ROW LEVEL SECURITY;
ALTER TABLE briefdesk.conflict ENABLE ROW LEVEL SECURITY;
CREATE POLICY member_reads ON briefdesk.desk FOR SELECT USING (id IN (SELECT briefdesk.my_desks()));
CREATE POLICY member_reads ON briefdesk.member FOR SELECT USING (desk_id IN (SELECT briefdesk.my_desks()));
CREATE POLICY member_reads ON briefdesk.brief FOR SELECT USING (desk_id IN (SELECT briefdesk.my_desks()));
CREATE POLICY member_reads ON briefdesk.revision FOR SELECT USING (desk_id IN (SELECT briefdesk.my_desks()));
CREATE POLICY member_reads ON briefdesk.conflict FOR SELECT
    USING (brief_id IN (SELECT id FROM briefdesk.brief WHERE desk_id IN (SELECT briefdesk.my_desks())));

-- The caller's role on a desk, or an error naming what is wrong.
CREATE FUNCTION briefdesk.role_on(p_desk bigint) RETURNS text
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_role text;
BEGIN
    SELECT role INTO v_role FROM briefdesk.member WHERE desk_id = p_desk AND login = session_user;
    IF v_role IS NULL THEN
        RAISE EXCEPTION 'not a member of this desk' USING ERRCODE = '42501', HINT = 'briefdesk:not_member';
    END IF;
    RETURN v_role;
END
$$;

-- Push one revision. Answers what became of it:
--   accepted  – it is the head now;
--   conflict  – its parent was not the head: kept beside it, to be merged;
--   duplicate – this id was pushed before (a retry): `stored` says as what;
--   refused   – the brief is approved and the caller is a reporter, or a
--               state change came too late (the head moved since it was read).
CREATE FUNCTION briefdesk.push(
    p_desk text, p_id uuid, p_brief uuid, p_parent uuid, p_kind text,
    p_label text, p_body jsonb, p_merged uuid[], p_state text
) RETURNS TABLE (outcome text, stored text, head uuid, version integer, seq bigint)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_desk bigint;
    v_role text;
    v_brief briefdesk.brief%ROWTYPE;
    v_seq bigint;
    v_kind text := p_kind;
    v_version integer;
    v_existing briefdesk.revision%ROWTYPE;
BEGIN
    IF p_kind NOT IN ('save', 'version', 'merge', 'state') THEN
        RAISE EXCEPTION 'unknown revision kind %', p_kind USING ERRCODE = '22023';
    END IF;
    IF p_kind <> 'state' AND p_body IS NULL THEN
        RAISE EXCEPTION 'a % revision needs a body', p_kind USING ERRCODE = '22023';
    END IF;
    SELECT id INTO v_desk FROM briefdesk.desk WHERE name = p_desk;
    IF v_desk IS NULL THEN
        RAISE EXCEPTION 'no desk named %', p_desk USING ERRCODE = '42704', HINT = 'briefdesk:no_desk';
    END IF;
    v_role := briefdesk.role_on(v_desk);

    -- The brief's row lock serializes pushes to one brief.
    SELECT * INTO v_brief FROM briefdesk.brief WHERE id = p_brief FOR UPDATE;
    IF NOT FOUND THEN
        IF p_parent IS NOT NULL OR p_kind = 'state' THEN
            RAISE EXCEPTION 'no brief % on this desk', p_brief USING ERRCODE = '42704', HINT = 'briefdesk:no_brief';
        END IF;
        INSERT INTO briefdesk.brief (id, desk_id, author) VALUES (p_brief, v_desk, session_user)
        ON CONFLICT (id) DO NOTHING;
        SELECT * INTO v_brief FROM briefdesk.brief WHERE id = p_brief FOR UPDATE;
    END IF;
    IF v_brief.desk_id <> v_desk THEN
        RAISE EXCEPTION 'brief % belongs to another desk', p_brief USING ERRCODE = '42501', HINT = 'briefdesk:wrong_desk';
    END IF;

    SELECT * INTO v_existing FROM briefdesk.revision WHERE id = p_id;
    IF FOUND THEN
        RETURN QUERY SELECT 'duplicate'::text, v_existing.kind, v_brief.head, v_existing.version, v_existing.seq;
        RETURN;
    END IF;

    IF v_role = 'reporter' AND v_brief.author <> session_user THEN
        RAISE EXCEPTION 'only the author or an editor can change this brief'
            USING ERRCODE = '42501', HINT = 'briefdesk:not_author';
    END IF;

    IF p_kind = 'state' THEN
        IF p_state NOT IN ('draft', 'in_review', 'ready', 'filed') THEN
            RAISE EXCEPTION 'unknown state %', p_state USING ERRCODE = '22023';
        END IF;
        IF v_role = 'reporter' AND (p_state IN ('ready', 'filed') OR v_brief.state IN ('ready', 'filed')) THEN
            RAISE EXCEPTION 'only an editor can approve or file a brief, or reopen one'
                USING ERRCODE = '42501', HINT = 'briefdesk:editor_only';
        END IF;
        -- Approval is a compare-and-swap on the head the editor read.
        IF p_state IN ('ready', 'filed')
           AND (p_parent IS DISTINCT FROM v_brief.head OR v_brief.open_conflicts > 0) THEN
            RETURN QUERY SELECT 'refused'::text, NULL::text, v_brief.head, v_brief.head_version, NULL::bigint;
            RETURN;
        END IF;
    ELSIF v_role = 'reporter' AND v_brief.state IN ('ready', 'filed') THEN
        RETURN QUERY SELECT 'refused'::text, NULL::text, v_brief.head, v_brief.head_version, NULL::bigint;
        RETURN;
    END IF;

    IF p_kind <> 'state' AND p_parent IS DISTINCT FROM v_brief.head THEN
        v_kind := 'conflict';
    END IF;

    -- Under the desk row's lock: gap-free, in commit order.
    UPDATE briefdesk.desk SET last_seq = last_seq + 1 WHERE id = v_desk RETURNING last_seq INTO v_seq;

    IF v_kind IN ('save', 'version', 'merge') THEN
        v_version := v_brief.head_version + 1;
    END IF;
    INSERT INTO briefdesk.revision (id, brief_id, desk_id, seq, parent, merged, kind, wanted, label, version, author, state, body)
    VALUES (p_id, p_brief, v_desk, v_seq, p_parent, coalesce(p_merged, '{}'), v_kind,
            CASE WHEN v_kind = 'conflict' THEN p_kind END, p_label, v_version, session_user,
            CASE WHEN p_kind = 'state' THEN p_state END, p_body);

    IF v_kind = 'conflict' THEN
        INSERT INTO briefdesk.conflict (revision_id, brief_id) VALUES (p_id, p_brief);
        UPDATE briefdesk.brief SET open_conflicts = open_conflicts + 1, updated_at = now() WHERE id = p_brief;
    ELSIF v_kind = 'state' THEN
        UPDATE briefdesk.brief SET state = p_state, note = p_label, updated_at = now(),
            approved_revision = CASE WHEN p_state IN ('ready', 'filed') THEN v_brief.head ELSE NULL END
        WHERE id = p_brief;
    ELSE
        WITH closed AS (
            UPDATE briefdesk.conflict SET merged_by = p_id
            WHERE brief_id = p_brief AND merged_by IS NULL AND revision_id = ANY (coalesce(p_merged, '{}'))
            RETURNING 1
        )
        UPDATE briefdesk.brief SET head = p_id, head_version = v_version, updated_at = now(),
            open_conflicts = open_conflicts - (SELECT count(*) FROM closed)
        WHERE id = p_brief;
    END IF;

    -- A wake-up only: whoever listens pulls by sequence.
    PERFORM pg_notify('briefdesk_desk', v_desk::text);
    RETURN QUERY SELECT CASE WHEN v_kind = 'conflict' THEN 'conflict' ELSE 'accepted' END,
        v_kind, (SELECT b.head FROM briefdesk.brief b WHERE b.id = p_brief), v_version, v_seq;
END
$$;

-- Revisions of a desk after a sequence number, in order. Invoker's rights:
-- row-level security says which desks.
CREATE FUNCTION briefdesk.pull(p_desk text, p_after bigint, p_limit integer)
RETURNS SETOF briefdesk.revision
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT r.* FROM briefdesk.revision r JOIN briefdesk.desk d ON d.id = r.desk_id
    WHERE d.name = p_desk AND r.seq > p_after ORDER BY r.seq LIMIT least(p_limit, 5000)
$$;

-- The caller's role on a desk by name, checking membership.
CREATE FUNCTION briefdesk.join_desk(p_desk text) RETURNS text
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_desk bigint;
BEGIN
    SELECT id INTO v_desk FROM briefdesk.desk WHERE name = p_desk;
    IF v_desk IS NULL THEN
        RAISE EXCEPTION 'no desk named %', p_desk USING ERRCODE = '42704', HINT = 'briefdesk:no_desk';
    END IF;
    RETURN briefdesk.role_on(v_desk);
END
$$;

REVOKE ALL ON ALL TABLES IN SCHEMA briefdesk FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA briefdesk FROM PUBLIC;
GRANT USAGE ON SCHEMA briefdesk TO briefdesk_member;
GRANT SELECT ON briefdesk.desk, briefdesk.member, briefdesk.brief, briefdesk.revision, briefdesk.conflict,
    briefdesk.schema_migration TO briefdesk_member;
GRANT EXECUTE ON FUNCTION briefdesk.my_desks(), briefdesk.role_on(bigint),
    briefdesk.push(text, uuid, uuid, uuid, text, text, jsonb, uuid[], text),
    briefdesk.pull(text, bigint, integer), briefdesk.join_desk(text) TO briefdesk_member;
