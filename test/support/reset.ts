/**
 * Recycling a PGlite clone instead of cloning again (a clone costs about a second): after a case,
 * drop every user schema, extension and role and recreate `public` as a fresh database has it;
 * then compare a fingerprint of the whole catalog with the pristine one. Only a database whose
 * fingerprint is back to pristine is reused; anything else is thrown away.
 */
import type { Queryable } from '../../src/inspect/index.js'

export const RESET_SQL = `
RESET ROLE;
RESET SESSION AUTHORIZATION;
RESET ALL;
DO $reset$ DECLARE r record; BEGIN
  FOR r IN SELECT evtname FROM pg_event_trigger LOOP EXECUTE format('DROP EVENT TRIGGER %I', r.evtname); END LOOP;
  FOR r IN SELECT pubname FROM pg_publication LOOP EXECUTE format('DROP PUBLICATION %I', r.pubname); END LOOP;
  FOR r IN SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' LOOP
    EXECUTE format('DROP EXTENSION IF EXISTS %I CASCADE', r.extname); END LOOP;
  FOR r IN SELECT nspname FROM pg_namespace WHERE nspname !~ '^pg_' AND nspname <> 'information_schema' LOOP
    EXECUTE format('DROP SCHEMA %I CASCADE', r.nspname); END LOOP;
  FOR r IN SELECT rolname FROM pg_roles WHERE rolname !~ '^pg_' AND rolname <> current_user LOOP
    EXECUTE format('DROP OWNED BY %I CASCADE', r.rolname);
    EXECUTE format('DROP ROLE %I', r.rolname);
  END LOOP;
  CREATE SCHEMA public AUTHORIZATION pg_database_owner;
  COMMENT ON SCHEMA public IS 'standard public schema';
  GRANT USAGE ON SCHEMA public TO PUBLIC;
END $reset$;`

const COUNTED = [
  'pg_class', 'pg_attribute', 'pg_type', 'pg_proc', 'pg_namespace', 'pg_authid', 'pg_auth_members',
  'pg_default_acl', 'pg_db_role_setting', 'pg_extension', 'pg_event_trigger', 'pg_cast', 'pg_language',
  'pg_collation', 'pg_conversion', 'pg_operator', 'pg_opclass', 'pg_opfamily', 'pg_amop', 'pg_amproc', 'pg_am',
  'pg_ts_config', 'pg_ts_dict', 'pg_ts_parser', 'pg_ts_template', 'pg_foreign_data_wrapper',
  'pg_foreign_server', 'pg_user_mapping', 'pg_transform', 'pg_statistic_ext', 'pg_trigger', 'pg_constraint',
  'pg_policy', 'pg_rewrite', 'pg_sequence', 'pg_attrdef', 'pg_inherits', 'pg_index', 'pg_enum', 'pg_range',
  'pg_aggregate', 'pg_tablespace', 'pg_description', 'pg_shdescription', 'pg_seclabel', 'pg_shseclabel',
  'pg_publication', 'pg_largeobject_metadata', 'pg_init_privs', 'pg_depend', 'pg_shdepend',
] as const

const FINGERPRINT = `SELECT concat_ws('|',
  ${COUNTED.map((t) => `(SELECT count(*) FROM pg_catalog.${t})`).join(',\n  ')},
  (SELECT md5(string_agg(nspname || ':' || nspowner::regrole || ':' || coalesce(nspacl::text, ''), ',' ORDER BY nspname)) FROM pg_namespace),
  (SELECT md5(coalesce(string_agg(oid || relacl::text, ',' ORDER BY oid), '')) FROM pg_class WHERE relacl IS NOT NULL),
  (SELECT md5(coalesce(string_agg(attrelid || ':' || attnum || attacl::text, ',' ORDER BY attrelid, attnum), '')) FROM pg_attribute WHERE attacl IS NOT NULL),
  (SELECT md5(coalesce(string_agg(oid || proacl::text || proowner, ',' ORDER BY oid), '')) FROM pg_proc WHERE proacl IS NOT NULL OR proowner <> 10),
  (SELECT md5(coalesce(string_agg(oid || typacl::text, ',' ORDER BY oid), '')) FROM pg_type WHERE typacl IS NOT NULL),
  (SELECT md5(coalesce(string_agg(lanname || coalesce(lanacl::text, '') || lanowner, ',' ORDER BY lanname), '')) FROM pg_language),
  (SELECT md5(string_agg(rolname || rolsuper || rolinherit || rolcreaterole || rolcreatedb || rolcanlogin || rolreplication || rolbypassrls || rolconnlimit || coalesce(rolpassword, '') || coalesce(rolvaliduntil::text, ''), ',' ORDER BY rolname)) FROM pg_authid),
  (SELECT md5(string_agg(datname || datdba || coalesce(datacl::text, '') || datallowconn || datconnlimit, ',' ORDER BY datname)) FROM pg_database),
  (SELECT md5(coalesce(string_agg(description, ',' ORDER BY description), '')) FROM pg_description),
  (SELECT md5(coalesce(string_agg(description, ',' ORDER BY description), '')) FROM pg_shdescription),
  (SELECT md5(coalesce(string_agg(setdatabase || ':' || setrole || array_to_string(setconfig, ','), ';' ORDER BY 1), '')) FROM pg_db_role_setting),
  (SELECT md5(coalesce(string_agg(extname || extversion || extowner, ',' ORDER BY extname), '')) FROM pg_extension),
  (SELECT md5(coalesce(string_agg(name || '=' || setting, ',' ORDER BY name), '')) FROM pg_settings WHERE source NOT IN ('default', 'override'))
) AS f`

export const fingerprint = async (db: Queryable): Promise<string> => {
  const r = await db.query<{ f: string }>(FINGERPRINT)
  return r.rows[0]?.f ?? ''
}
