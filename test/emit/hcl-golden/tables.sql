-- golden: every kind of table part (constraints, indexes, identity, generated, partitions, types, sequences)
CREATE SCHEMA app;
CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN app.posint AS integer NOT NULL DEFAULT 1 CONSTRAINT positive CHECK (VALUE > 0);
CREATE TYPE app.pair AS (a integer, b text COLLATE "C");
CREATE SEQUENCE app.counter AS integer INCREMENT 5 CACHE 10 CYCLE;
CREATE TABLE app.users (
  id bigint GENERATED ALWAYS AS IDENTITY (START WITH 100),
  email varchar(255) NOT NULL,
  name text COLLATE "C",
  mood app.mood DEFAULT 'ok',
  score numeric(10,2) CHECK (score >= 0),
  created timestamptz NOT NULL DEFAULT now(),
  lower_email text GENERATED ALWAYS AS (lower(email)) STORED,
  PRIMARY KEY (id),
  CONSTRAINT users_email_key UNIQUE NULLS NOT DISTINCT (email) DEFERRABLE INITIALLY DEFERRED
) WITH (fillfactor = 70);
COMMENT ON TABLE app.users IS 'People';
COMMENT ON COLUMN app.users.email IS 'Contact address';
CREATE TABLE app.orders (
  id serial PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES app.users (id) ON DELETE CASCADE,
  during tstzrange,
  tags text[],
  CONSTRAINT no_overlap EXCLUDE USING gist (during WITH &&)
);
CREATE INDEX orders_user_idx ON app.orders (user_id);
CREATE UNIQUE INDEX users_lower_idx ON app.users (lower(email) DESC NULLS LAST, name text_pattern_ops) WHERE score > 0;
CREATE INDEX orders_tags_idx ON app.orders USING gin (tags);
CREATE TABLE app.events (id int, at date NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE app.events_2024 PARTITION OF app.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE UNLOGGED TABLE app.scratch (k text);
