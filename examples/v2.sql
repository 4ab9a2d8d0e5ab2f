-- pgcharter demo, version 2: what changed since v1.sql
--   * task_status gains 'blocked' (before 'done')
--   * users.email widened to varchar(255); users get a created_at column
--   * tasks get a due date, a priority with a CHECK, and ON DELETE SET NULL on the assignee
--   * a partial index on overdue work, a new labels table with a join table
--   * open_tasks shows the due date; a function counts a team's open tasks
--   * access: api's limit and expiry, a reporting login, readers lose users.email, RLS forced
-- Try: pgcharter diff --from examples/v1.sql --to examples/v2.sql

-- Who may do what. Roles are cluster-wide: these are the ones this schema manages.
CREATE ROLE app_rw NOLOGIN;
CREATE ROLE app_ro NOLOGIN;
CREATE ROLE api LOGIN CONNECTION LIMIT 50 VALID UNTIL '2027-06-30' IN ROLE app_rw;
CREATE ROLE reporting LOGIN IN ROLE app_ro, pg_read_all_stats;

-- Objects created from here on: functions are not executable by everyone, readers see new tables.
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO app_ro;

CREATE TYPE task_status AS ENUM ('todo', 'doing', 'blocked', 'done');

CREATE TABLE teams (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL UNIQUE
);

CREATE TABLE users (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  team_id integer NOT NULL REFERENCES teams (id),
  email varchar(255) NOT NULL,
  display_name text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE tasks (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  team_id integer NOT NULL REFERENCES teams (id),
  assignee_id integer REFERENCES users (id) ON DELETE SET NULL,
  title text NOT NULL,
  status task_status NOT NULL DEFAULT 'todo',
  priority smallint NOT NULL DEFAULT 3 CONSTRAINT tasks_priority_range CHECK (priority BETWEEN 1 AND 5),
  due_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX tasks_team_status_idx ON tasks (team_id, status);
CREATE INDEX tasks_due_open_idx ON tasks (due_on) WHERE status <> 'done';

COMMENT ON COLUMN tasks.priority IS '1 = urgent, 5 = someday';

CREATE TABLE labels (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  team_id integer NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  name text NOT NULL,
  UNIQUE (team_id, name)
);

CREATE TABLE task_labels (
  task_id bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  label_id integer NOT NULL REFERENCES labels (id) ON DELETE CASCADE,
  PRIMARY KEY (task_id, label_id)
);

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

CREATE FUNCTION open_task_count(p_team integer) RETURNS bigint
  LANGUAGE sql STABLE
  AS $$ SELECT count(*) FROM tasks WHERE team_id = p_team AND status <> 'done' $$;

CREATE VIEW open_tasks AS
  SELECT t.id, t.title, u.display_name AS assignee, t.due_on
  FROM tasks t LEFT JOIN users u ON u.id = t.assignee_id
  WHERE t.status <> 'done';

GRANT USAGE ON SCHEMA public TO app_rw, app_ro;
GRANT SELECT, INSERT, UPDATE, DELETE ON teams, users, tasks, labels, task_labels TO app_rw;
GRANT EXECUTE ON FUNCTION touch_updated_at(), open_task_count(integer) TO app_rw;
-- readers no longer see e-mail addresses
REVOKE SELECT ON users FROM app_ro;
GRANT SELECT (id, team_id, display_name, created_at) ON users TO app_ro;

-- Each team sees and writes only its own tasks, also for the table owner.
ALTER TABLE tasks ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY team_isolation ON tasks TO app_rw
  USING (team_id = current_setting('app.team_id')::integer)
  WITH CHECK (team_id = current_setting('app.team_id')::integer);
