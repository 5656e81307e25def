import { MigrationInterface, QueryRunner } from 'typeorm';

/** Organisation tree, users, audit log, outbox and the worker probe. */
export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE org_unit (
        id          serial PRIMARY KEY,
        code        text NOT NULL UNIQUE,
        name        text NOT NULL,
        level       text NOT NULL CHECK (level IN ('city','district','town','village','agency')),
        parent_id   int REFERENCES org_unit(id),
        path        text NOT NULL,
        depth       int NOT NULL,
        active      boolean NOT NULL DEFAULT true,
        duty        text,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    // "every descendant of X" = path LIKE X.path || '%': one range scan on this index.
    await q.query(`CREATE INDEX org_unit_path_idx ON org_unit (path text_pattern_ops)`);
    await q.query(`CREATE INDEX org_unit_parent_idx ON org_unit (parent_id)`);
    await q.query(`
      CREATE TABLE app_user (
        id            serial PRIMARY KEY,
        username      text NOT NULL UNIQUE,
        display_name  text NOT NULL,
        phone         text,
        org_unit_id   int NOT NULL REFERENCES org_unit(id),
        roles         text[] NOT NULL,
        password_hash text NOT NULL,
        active        boolean NOT NULL DEFAULT true,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX app_user_org_unit_idx ON app_user (org_unit_id)`);
    await q.query(`
      CREATE TABLE audit_log (
        id              bigserial PRIMARY KEY,
        at              timestamptz NOT NULL DEFAULT now(),
        actor_id        int,
        actor_username  text,
        action          text NOT NULL,
        entity          text NOT NULL,
        entity_id       text NOT NULL,
        org_unit_path   text,
        changes         jsonb
      )`);
    await q.query(`CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id)`);
    await q.query(`CREATE INDEX audit_log_at_idx ON audit_log (at DESC)`);
    await q.query(`CREATE INDEX audit_log_path_idx ON audit_log (org_unit_path text_pattern_ops)`);
    // Append-only: the application role may insert and read, never rewrite history.
    await q.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`);
    await q.query(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await q.query(`
      CREATE TABLE outbox (
        id          bigserial PRIMARY KEY,
        queue       text NOT NULL,
        job_name    text NOT NULL,
        job_id      text NOT NULL,
        payload     jsonb NOT NULL,
        run_at      timestamptz,
        created_at  timestamptz NOT NULL DEFAULT now(),
        relayed_at  timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_pending_idx ON outbox (id) WHERE relayed_at IS NULL`);
    await q.query(`
      CREATE TABLE worker_probe (
        id            serial PRIMARY KEY,
        token         text NOT NULL UNIQUE,
        requested_by  int,
        requested_at  timestamptz NOT NULL DEFAULT now(),
        processed_at  timestamptz,
        processed_by  text
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE worker_probe, outbox, audit_log, app_user, org_unit`);
    await q.query(`DROP FUNCTION audit_log_append_only()`);
  }
}
