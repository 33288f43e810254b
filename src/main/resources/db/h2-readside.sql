-- The read side's tables on the embedded database, beside the journal (see io.microcosm.readside).
-- Every statement is idempotent: it runs at every start when microcosm.readside.enabled is on.

-- Akka Projections' offsets (akka-projection-jdbc 1.4 layout, with the lower-case names its
-- h2-dialect uses).
CREATE TABLE IF NOT EXISTS "akka_projection_offset_store" (
  "projection_name" VARCHAR(255) NOT NULL,
  "projection_key" VARCHAR(255) NOT NULL,
  "current_offset" VARCHAR(255) NOT NULL,
  "manifest" VARCHAR(4) NOT NULL,
  "mergeable" BOOLEAN NOT NULL,
  "last_updated" BIGINT NOT NULL,
  PRIMARY KEY ("projection_name", "projection_key")
);

CREATE INDEX IF NOT EXISTS "akka_projection_name_index" ON "akka_projection_offset_store" ("projection_name");

CREATE TABLE IF NOT EXISTS "akka_projection_management" (
  "projection_name" VARCHAR(255) NOT NULL,
  "projection_key" VARCHAR(255) NOT NULL,
  "paused" BOOLEAN NOT NULL,
  "last_updated" BIGINT NOT NULL,
  PRIMARY KEY ("projection_name", "projection_key")
);

-- Presence and leaderboard: one row per player that has entered the world.
CREATE TABLE IF NOT EXISTS readside_players (
  name VARCHAR(255) PRIMARY KEY,
  location VARCHAR(255),
  level INT NOT NULL,
  exp BIGINT NOT NULL,
  kills BIGINT NOT NULL,
  crafts BIGINT NOT NULL,
  gathered BIGINT NOT NULL,
  deaths BIGINT NOT NULL,
  seq BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

-- Presence: creatures that have fought (the others are alive at home, as the world says).
CREATE TABLE IF NOT EXISTS readside_creatures (
  id VARCHAR(255) PRIMARY KEY,
  location VARCHAR(255),
  dead BOOLEAN NOT NULL,
  respawn_at BIGINT NOT NULL,
  killed_by VARCHAR(255),
  seq BIGINT NOT NULL
);

-- Presence: items on the ground where anything was taken or dropped (elsewhere: the world's data).
CREATE TABLE IF NOT EXISTS readside_ground (
  location VARCHAR(255) NOT NULL,
  item VARCHAR(255) NOT NULL,
  quantity INT NOT NULL,
  seq BIGINT NOT NULL,
  PRIMARY KEY (location, item)
);

-- The activity feed.
CREATE TABLE IF NOT EXISTS readside_feed (
  id VARCHAR(600) PRIMARY KEY,
  written_at BIGINT NOT NULL,
  tick BIGINT NOT NULL,
  kind VARCHAR(32) NOT NULL,
  player VARCHAR(255),
  location VARCHAR(255),
  subject VARCHAR(255),
  amount INT NOT NULL,
  line VARCHAR(2000) NOT NULL
);

CREATE INDEX IF NOT EXISTS readside_feed_at ON readside_feed (written_at);
