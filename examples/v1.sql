-- pgcharter demo, version 1: a small team task tracker.
-- Try: pgcharter diff --from examples/v1.sql --to examples/v2.sql

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
