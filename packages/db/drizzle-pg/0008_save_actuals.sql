-- Single figure writes (PUT /api/actuals/…) in one round trip: pg/figures.ts gathers the writes
-- that arrive together and hands them to save_actuals as one statement, which PostgreSQL runs
-- in one transaction and commits with one WAL flush before it answers. The checks are those
-- of saveActualIn (pg/figures.ts) in the same order, and the refusals are still written by
-- rules.ts: this function only says which rule refused and hands over what it needs (the
-- report's state, the current figure, the lock). Custom migration (drizzle-kit generate
-- --custom): functions are not part of the schema drizzle-kit compares. Unqualified names, so
-- that the function and its tables live in whichever schema the search_path names.

-- A figure as the Repository returns it (records.ts toActual), timestamps as toIsoTimestamp
-- writes them: the audit's old and new values, and the answers.
CREATE FUNCTION actual_record(a actuals) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object(
    'unitId', a.unit_id, 'year', a.year, 'quarter', a.quarter, 'amount', a.amount,
    'basis', a.basis, 'estimateAmount', a.estimate_amount, 'version', a.version,
    'updatedAt', to_char(a.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'updatedBy', a.updated_by)
$$;
--> statement-breakpoint

-- p_writes: [{ n, unitId, year, quarter, amount, basis, expectedVersion, actor, comment, at,
-- lockKey }], n the write's place in the batch. One row per write, by n, with its outcome:
--   saved         new_value is the figure saved (its audit row is written);
--   unknown_unit  the unit does not exist (404);
--   frozen        report_state froze the figure (rules.ts checkFigureNotFrozen);
--   stale         expectedVersion is not old_value's version (0 without one);
--   locked        lock_value is the quarter's lock (423);
--   lost_race     the figure moved under our row lock: cannot happen (pg/context.ts lostRace);
--   error         any other error of this write alone (error_code is its SQLSTATE), rolled back
--                 to its own savepoint (the EXCEPTION block) while the others go on.
-- Deadlocks and serialisation failures end the whole statement: the caller runs the batch
-- again, as createWrite does. Writes are taken in key order, so that two batches lock their
-- figures in the same order and two writes of one figure keep their order of arrival. The data
-- version is bumped once, last, when anything was saved (pg/data-version.ts).
CREATE FUNCTION save_actuals(p_writes json, p_advisory_namespace integer, p_shards integer)
RETURNS TABLE (
  n integer, outcome text, report_state text, old_value json, lock_value json, new_value json,
  error_code text, error_message text
)
LANGUAGE plpgsql AS $$
DECLARE
  w record;
  v_old actuals;
  v_new actuals;
  v_is_found boolean;
  v_lock quarter_locks;
  v_basis text;
  v_attempt integer;
  v_has_saved boolean := false;
BEGIN
  FOR w IN
    SELECT (e->>'n')::integer AS n, (e->>'unitId')::integer AS unit_id,
      (e->>'year')::integer AS year, (e->>'quarter')::integer AS quarter,
      (e->>'amount')::bigint AS amount, e->>'basis' AS basis,
      (e->>'expectedVersion')::integer AS expected_version, e->>'actor' AS actor,
      e->>'comment' AS comment, (e->>'at')::timestamptz AS at, (e->>'lockKey')::integer AS lock_key
    FROM json_array_elements(p_writes) AS e
    ORDER BY 2, 3, 4, 1
  LOOP
    n := w.n;
    outcome := NULL; report_state := NULL; old_value := NULL; lock_value := NULL;
    new_value := NULL; error_code := NULL; error_message := NULL;
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM units WHERE id = w.unit_id) THEN
        outcome := 'unknown_unit';
      END IF;
      -- Twice at most: a figure another writer created after our read is then an existing one.
      v_attempt := 0;
      WHILE outcome IS NULL LOOP
        v_attempt := v_attempt + 1;
        -- The report's row before the actual's, shared, as saveActualIn takes them.
        SELECT r.state INTO report_state FROM reports r
          WHERE r.unit_id = w.unit_id AND r.year = w.year AND r.quarter = w.quarter FOR SHARE;
        IF report_state = 'submitted'
          OR (report_state = 'approved' AND coalesce(w.basis, 'final') <> 'final') THEN
          outcome := 'frozen';
          EXIT;
        END IF;
        SELECT * INTO v_old FROM actuals a
          WHERE a.unit_id = w.unit_id AND a.year = w.year AND a.quarter = w.quarter
          FOR NO KEY UPDATE;
        v_is_found := FOUND;
        old_value := CASE WHEN v_is_found THEN actual_record(v_old) END;
        IF w.expected_version IS NOT NULL
          AND w.expected_version <> (CASE WHEN v_is_found THEN v_old.version ELSE 0 END) THEN
          outcome := 'stale';
          EXIT;
        END IF;
        -- Shared, until the commit: a quarter cannot be locked between this check and it.
        PERFORM pg_advisory_xact_lock_shared(p_advisory_namespace, w.lock_key);
        SELECT * INTO v_lock FROM quarter_locks l WHERE l.year = w.year AND l.quarter = w.quarter;
        IF FOUND THEN
          outcome := 'locked';
          lock_value := json_build_object(
            'year', v_lock.year, 'quarter', v_lock.quarter, 'lockedBy', v_lock.locked_by,
            'lockedAt', to_char(v_lock.locked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
            'reason', v_lock.reason);
          EXIT;
        END IF;
        -- rules.ts basisColumnsOf: a final keeps the estimate it replaces.
        v_basis := coalesce(w.basis, 'final');
        IF v_is_found THEN
          UPDATE actuals a SET amount = w.amount, basis = v_basis,
              estimate_amount = CASE
                WHEN v_basis = 'estimate' THEN NULL
                WHEN v_old.basis = 'estimate' THEN v_old.amount
                ELSE v_old.estimate_amount END,
              updated_at = w.at, updated_by = w.actor, version = v_old.version + 1
            WHERE a.unit_id = w.unit_id AND a.year = w.year AND a.quarter = w.quarter
              AND a.version = v_old.version
            RETURNING * INTO v_new;
          IF NOT FOUND THEN
            outcome := 'lost_race';
            EXIT;
          END IF;
        ELSE
          INSERT INTO actuals AS a (unit_id, year, quarter, amount, basis, estimate_amount,
              version, updated_at, updated_by)
            VALUES (w.unit_id, w.year, w.quarter, w.amount, v_basis, NULL, 1, w.at, w.actor)
            ON CONFLICT DO NOTHING
            RETURNING * INTO v_new;
          IF NOT FOUND THEN
            IF v_attempt >= 2 THEN
              outcome := 'lost_race';
              EXIT;
            END IF;
            CONTINUE;
          END IF;
        END IF;
        new_value := actual_record(v_new);
        INSERT INTO audit_log (at, actor, entity, entity_key, unit_id, year, quarter, old_value,
            new_value, comment)
          VALUES (w.at, w.actor, 'actual', 'actual:' || w.unit_id || '/' || w.year || '/' || w.quarter,
            w.unit_id, w.year, w.quarter, old_value, new_value, w.comment);
        outcome := 'saved';
        v_has_saved := true;
      END LOOP;
    EXCEPTION
      WHEN serialization_failure OR deadlock_detected THEN RAISE;
      WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS error_code = RETURNED_SQLSTATE, error_message = MESSAGE_TEXT;
        outcome := 'error';
        new_value := NULL;
    END;
    RETURN NEXT;
  END LOOP;
  IF v_has_saved THEN
    INSERT INTO data_version AS d (shard, epoch, version)
      VALUES (pg_backend_pid() % p_shards, gen_random_uuid()::text, 1)
      ON CONFLICT (shard) DO UPDATE SET version = d.version + 1;
  END IF;
END;
$$;
