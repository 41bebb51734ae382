-- Schools and their push tokens. Only the SHA-256 of a token is stored.
CREATE TABLE schools (
  school_id  text PRIMARY KEY CHECK (school_id ~ '^[A-Za-z0-9._-]{1,64}$'),
  token_hash bytea NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- One row per push, keyed by the connector's idempotency key: a repeat stores nothing.
CREATE TABLE pushes (
  idempotency_key uuid PRIMARY KEY,
  school_id       text NOT NULL REFERENCES schools (school_id),
  -- The batch pseudonym and when the desktop built the payload: a later push
  -- of the same batch replaces the earlier one in aggregates.
  batch           text NOT NULL,
  generated_at    timestamptz NOT NULL,
  received_at     timestamptz NOT NULL,
  payload         jsonb NOT NULL
);
CREATE INDEX pushes_latest_per_batch ON pushes (school_id, batch, generated_at DESC, received_at DESC);

-- The pupils of each push, normalised for aggregates.
CREATE TABLE pupil_results (
  idempotency_key  uuid NOT NULL REFERENCES pushes (idempotency_key),
  pupil            text NOT NULL,
  course           text NOT NULL,
  assignment       text NOT NULL,
  term             text NOT NULL,
  language         text NOT NULL,
  words            integer NOT NULL,
  findings_per_100 double precision NOT NULL,
  theta            double precision,
  se               double precision,
  grade            text,
  grade_source     text,
  PRIMARY KEY (idempotency_key, pupil)
);
CREATE INDEX pupil_results_course_term ON pupil_results (course, term);
