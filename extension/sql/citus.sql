-- socialcare, area citus: the extension's tables on a Citus cluster.
-- Re-runnable: CREATE OR REPLACE, COMMENT ON and GRANT only.  The install
-- script and every update script include this file (doc/releasing.md).
--
-- On Citus every node has its own copy of the extension and of its tables;
-- the workers compute socialcare's functions of a distributed query with
-- their own calendars and timescales.  The tables cannot become Citus
-- reference tables (doc/citus.md says why), so citus_sync_tables() copies
-- the coordinator's user calendars and local timescales to every worker,
-- one transaction per worker, and checks each worker's copy against the
-- coordinator's.

CREATE OR REPLACE FUNCTION socialcare.citus_sync_tables(push boolean DEFAULT true)
	RETURNS TABLE (node text, port integer, calendars bigint, calendar_days bigint,
				   local_timescales bigint, local_chain_steps bigint, in_sync boolean)
	LANGUAGE plpgsql VOLATILE
	SET search_path = pg_catalog, pg_temp
	AS $fn$
	DECLARE
		-- counts and a digest of the rows, the same text on every node
		-- (jsonb orders keys, so column order does not matter)
		state_sql constant text :=
			'SELECT pg_catalog.concat_ws('' '','
			' (SELECT pg_catalog.count(*) FROM socialcare.calendar),'
			' (SELECT pg_catalog.count(*) FROM socialcare.calendar_day),'
			' (SELECT pg_catalog.count(*) FROM socialcare.timescale t WHERE NOT t.shipped),'
			' (SELECT pg_catalog.count(*) FROM socialcare.timescale_chain h WHERE NOT h.shipped),'
			' pg_catalog.md5(pg_catalog.concat('
			'  (SELECT pg_catalog.string_agg(pg_catalog.to_jsonb(c)::text, ''|'' ORDER BY c.name COLLATE "C") FROM socialcare.calendar c), ''/'','
			'  (SELECT pg_catalog.string_agg(pg_catalog.to_jsonb(d)::text, ''|'' ORDER BY d.calendar COLLATE "C", d.day) FROM socialcare.calendar_day d), ''/'','
			'  (SELECT pg_catalog.string_agg(pg_catalog.to_jsonb(t)::text, ''|'' ORDER BY t.code COLLATE "C") FROM socialcare.timescale t), ''/'','
			'  (SELECT pg_catalog.string_agg(pg_catalog.to_jsonb(h)::text, ''|'' ORDER BY h.chain COLLATE "C", h.step) FROM socialcare.timescale_chain h))))';
		here text;
		cmd text;
		cols text;
		rows jsonb;
		tab record;
		r record;
		parts text[];
		failures text[] := '{}';
	BEGIN
		IF push IS NULL THEN
			RAISE EXCEPTION 'socialcare.citus_sync_tables: push is NULL'
				USING ERRCODE = '22004', HINT = 'true copies the tables to the workers, false only compares them.';
		END IF;
		IF pg_catalog.to_regprocedure('pg_catalog.run_command_on_workers(text,boolean)') IS NULL THEN
			RAISE EXCEPTION 'socialcare.citus_sync_tables: Citus is not installed in this database'
				USING ERRCODE = '0A000', HINT = 'Run it on the coordinator of a Citus cluster, after CREATE EXTENSION citus; a single server needs no copy.';
		END IF;
		EXECUTE state_sql INTO here;
		IF push THEN
			-- one statement (a DO block), one transaction per worker:
			-- chains before timescales before calendars (references), then
			-- the coordinator's rows back in the opposite order
			cmd := 'PERFORM pg_catalog.set_config(''search_path'', ''pg_catalog, pg_temp'', true); '
				|| 'DELETE FROM socialcare.timescale_chain h WHERE NOT h.shipped; '
				|| 'DELETE FROM socialcare.timescale t WHERE NOT t.shipped; '
				|| 'DELETE FROM socialcare.calendar; ';
			FOR tab IN
				SELECT v.t, v.w FROM (VALUES (1, 'calendar', 'true'), (2, 'calendar_day', 'true'),
					(3, 'timescale', 'NOT x.shipped'), (4, 'timescale_chain', 'NOT x.shipped')) v(n, t, w)
				ORDER BY v.n
			LOOP
				SELECT pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ', ' ORDER BY a.attnum)
					INTO cols
					FROM pg_catalog.pg_attribute a
					WHERE a.attrelid OPERATOR(pg_catalog.=) pg_catalog.format('socialcare.%I', tab.t)::pg_catalog.regclass
					  AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped;
				EXECUTE pg_catalog.format(
					'SELECT COALESCE(pg_catalog.jsonb_agg(pg_catalog.to_jsonb(x)), ''[]''::pg_catalog.jsonb) FROM socialcare.%I x WHERE %s',
					tab.t, tab.w) INTO rows;
				IF rows OPERATOR(pg_catalog.<>) '[]'::jsonb THEN
					cmd := cmd || pg_catalog.format(
						'INSERT INTO socialcare.%I (%s) SELECT %s FROM pg_catalog.jsonb_populate_recordset(NULL::socialcare.%I, %L::pg_catalog.jsonb); ',
						tab.t, cols, cols, tab.t, rows);
				END IF;
			END LOOP;
			cmd := pg_catalog.format('DO %L', 'BEGIN ' || cmd || 'END');
			FOR r IN SELECT w.nodename, w.nodeport, w.success, w.result
					 FROM pg_catalog.run_command_on_workers(cmd, true) w
			LOOP
				IF NOT r.success THEN
					failures := failures || pg_catalog.format('%s:%s: %s', r.nodename, r.nodeport,
						pg_catalog.left(r.result, 200));
				END IF;
			END LOOP;
		END IF;
		FOR r IN SELECT w.nodename, w.nodeport, w.success, w.result
				 FROM pg_catalog.run_command_on_workers(state_sql, true) w
				 ORDER BY w.nodename, w.nodeport
		LOOP
			IF NOT r.success THEN
				failures := failures || pg_catalog.format('%s:%s: %s', r.nodename, r.nodeport,
					pg_catalog.left(r.result, 200));
				CONTINUE;
			END IF;
			parts := pg_catalog.string_to_array(r.result, ' ');
			node := r.nodename;
			port := r.nodeport;
			calendars := parts[1]::bigint;
			calendar_days := parts[2]::bigint;
			local_timescales := parts[3]::bigint;
			local_chain_steps := parts[4]::bigint;
			in_sync := r.result OPERATOR(pg_catalog.=) here;
			RETURN NEXT;
		END LOOP;
		IF pg_catalog.cardinality(failures) OPERATOR(pg_catalog.>) 0 THEN
			RAISE EXCEPTION 'socialcare.citus_sync_tables: % worker(s) failed: %',
				pg_catalog.cardinality(failures), pg_catalog.array_to_string(failures[1:5], '; ')
				USING ERRCODE = '58000',
				HINT = 'Each worker is changed in a transaction of its own, so a failed worker keeps its old rows: fix the cause (a row owned by another role needs a superuser or the extension''s owner) and run socialcare.citus_sync_tables() again.';
		END IF;
	END
	$fn$;
COMMENT ON FUNCTION socialcare.citus_sync_tables(boolean) IS
'On a Citus coordinator: copies the user calendars (socialcare.calendar, calendar_day) and local timescales and chains to every worker, each worker in one transaction, and reports per worker its counts and whether its rows now equal the coordinator''s (in_sync); push => false only compares. Run it after changing these tables on the coordinator; a superuser or the extension''s owner can copy every role''s rows';
