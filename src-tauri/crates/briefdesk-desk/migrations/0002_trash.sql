-- Version 2: the Trash travels. A brief moved to the Trash on one laptop
-- goes to the Trash on every laptop of the desk (a `delete` revision), and
-- taken out of it, comes back on every laptop (a `restore` revision, so that
-- undoing a delete makes no new version). The server keeps a trashed brief
-- whole: revisions are never deleted. Words pushed after a delete bring the
-- brief back, and a delete of a head the deleter had not read is refused:
-- edit versus delete keeps the edit.

ALTER TABLE briefdesk.revision DROP CONSTRAINT revision_kind_check;
ALTER TABLE briefdesk.revision ADD CONSTRAINT revision_kind_check
    CHECK (kind IN ('save', 'version', 'merge', 'conflict', 'state', 'delete', 'restore'));
ALTER TABLE briefdesk.brief ADD COLUMN trashed boolean NOT NULL DEFAULT false;

-- Push one revision. Answers what became of it:
--   accepted  – it is the head now;
--   conflict  – its parent was not the head: kept beside it, to be merged;
--   duplicate – this id was pushed before (a retry): `stored` says as what;
--   refused   – the brief is approved and the caller is a reporter, or a
--               state change or a delete came too late (the head moved
--               since it was read: edit versus delete keeps the edit).
CREATE OR REPLACE FUNCTION briefdesk.push(
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
    IF p_kind NOT IN ('save', 'version', 'merge', 'state', 'delete', 'restore') THEN
        RAISE EXCEPTION 'unknown revision kind %', p_kind USING ERRCODE = '22023';
    END IF;
    IF p_kind IN ('save', 'version', 'merge') AND p_body IS NULL THEN
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
        IF p_parent IS NOT NULL OR p_kind IN ('state', 'delete', 'restore') THEN
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
    ELSIF p_kind = 'delete' AND p_parent IS DISTINCT FROM v_brief.head THEN
        -- Someone saved words the deleter had not seen: the words stay.
        RETURN QUERY SELECT 'refused'::text, NULL::text, v_brief.head, v_brief.head_version, NULL::bigint;
        RETURN;
    END IF;

    IF p_kind IN ('save', 'version', 'merge') AND p_parent IS DISTINCT FROM v_brief.head THEN
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
    ELSIF v_kind IN ('delete', 'restore') THEN
        UPDATE briefdesk.brief SET trashed = (v_kind = 'delete'), updated_at = now() WHERE id = p_brief;
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
        -- New words bring a trashed brief back: edit versus delete keeps the edit.
        UPDATE briefdesk.brief SET head = p_id, head_version = v_version, updated_at = now(), trashed = false,
            open_conflicts = open_conflicts - (SELECT count(*) FROM closed)
        WHERE id = p_brief;
    END IF;

    -- A wake-up only: whoever listens pulls by sequence.
    PERFORM pg_notify('briefdesk_desk', v_desk::text);
    RETURN QUERY SELECT CASE WHEN v_kind = 'conflict' THEN 'conflict' ELSE 'accepted' END,
        v_kind, (SELECT b.head FROM briefdesk.brief b WHERE b.id = p_brief), v_version, v_seq;
END
$$;

