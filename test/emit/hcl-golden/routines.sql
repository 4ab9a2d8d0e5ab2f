-- golden: functions, procedures, triggers, views, materialized views
CREATE TABLE accounts (id int PRIMARY KEY, owner_name text, balance int);
CREATE FUNCTION add(a integer, b integer DEFAULT 1) RETURNS integer
  LANGUAGE plpgsql IMMUTABLE STRICT
  AS $$
BEGIN
  RETURN a + b;
END;
$$;
CREATE FUNCTION twice(x int) RETURNS int LANGUAGE sql RETURN x * 2;
CREATE FUNCTION rows_of(lim int) RETURNS TABLE (id int, owner_name text) LANGUAGE sql STABLE
  AS 'SELECT id, owner_name FROM accounts LIMIT lim';
CREATE FUNCTION ids() RETURNS SETOF int LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp
  AS 'SELECT id FROM accounts';
CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RETURN NEW;
END;
$$;
CREATE PROCEDURE noop() LANGUAGE plpgsql AS $$
BEGIN
END;
$$;
CREATE TRIGGER accounts_audit BEFORE INSERT OR UPDATE OF balance ON accounts FOR EACH ROW WHEN (NEW.balance > 0) EXECUTE FUNCTION audit('x');
CREATE VIEW rich AS SELECT id, owner_name FROM accounts WHERE balance > 1000;
CREATE MATERIALIZED VIEW totals AS SELECT owner_name, sum(balance) AS total FROM accounts GROUP BY owner_name WITH NO DATA;
CREATE UNIQUE INDEX totals_owner ON totals (owner_name);
COMMENT ON FUNCTION add(integer, integer) IS 'Adds';
