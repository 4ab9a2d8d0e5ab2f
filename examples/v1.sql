-- pgcharter demo, version 1: a small team task tracker.
-- Try: pgcharter diff --from examples/v1.sql --to examples/v2.sql

-- Who may do what. Roles are cluster-wide: these are the ones this schema manages.
CREATE ROLE app_rw NOLOGIN;
CREATE ROLE app_ro NOLOGIN;
CREATE ROLE api LOGIN CONNECTION LIMIT 20 IN ROLE app_rw;

-- Objects created from here on: functions are not executable by everyone, readers see new tables.
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO app_ro;

CREATE TYPE task_status AS ENUM ('todo', 'doing', 'done');

CREATE TABLE teams (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL UNIQUE
);

CREATE TABLE users (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  team_id integer NOT NULL REFERENCES teams (id),
  email varchar(100) NOT NULL,
  display_name text
);

CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE tasks (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  team_id integer NOT NULL REFERENCES teams (id),
  assignee_id integer REFERENCES users (id),
  title text NOT NULL,
  status task_status NOT NULL DEFAULT 'todo',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX tasks_team_status_idx ON tasks (team_id, status);

CREATE FUNCTION touch_updated_at() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$$;

CREATE TRIGGER tasks_touch BEFORE UPDATE ON tasks
  FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

CREATE VIEW open_tasks AS
  SELECT t.id, t.title, u.display_name AS assignee
  FROM tasks t LEFT JOIN users u ON u.id = t.assignee_id
  WHERE t.status <> 'done';

GRANT USAGE ON SCHEMA public TO app_rw, app_ro;
GRANT SELECT, INSERT, UPDATE, DELETE ON teams, users, tasks TO app_rw;
GRANT EXECUTE ON FUNCTION touch_updated_at() TO app_rw;

-- Each team sees only its own tasks.
ALTER TABLE tasks ENABLE ROW LEVEL SECURITY;
CREATE POLICY team_isolation ON tasks TO app_rw
  USING (team_id = current_setting('app.team_id')::integer);
