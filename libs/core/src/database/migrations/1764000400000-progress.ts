import { MigrationInterface, QueryRunner } from 'typeorm';

/** Progress reports (append-only), the latest report per task, bulletins (once per campaign, unit and date) and settlements. */
export class Progress1764000400000 implements MigrationInterface {
  name = 'Progress1764000400000';

  async up(q: QueryRunner): Promise<void> {
    // A cumulative actual of one task as of a date. Corrections are new rows (same date, with a reason): never updated.
    await q.query(`
      CREATE TABLE progress_report (
        id            bigserial PRIMARY KEY,
        task_id       int NOT NULL REFERENCES task(id),
        as_of         date NOT NULL,
        actual        numeric NOT NULL CHECK (actual >= 0),
        denominator   numeric CHECK (denominator >= 0),
        reason        text,
        corrects_id   bigint REFERENCES progress_report(id),
        reported_by   int REFERENCES app_user(id),
        reported_at   timestamptz NOT NULL DEFAULT now()
      )`);
    // "the report that counts for task T as of D" = first row of this index from (T, D) downward.
    await q.query(`CREATE INDEX progress_report_task_asof_idx ON progress_report (task_id, as_of DESC, id DESC) INCLUDE (actual, denominator)`);
    await q.query(`
      CREATE FUNCTION progress_report_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'progress_report is append-only: report a correction instead'; END $$`);
    await q.query(
      `CREATE TRIGGER progress_report_no_update BEFORE UPDATE OR DELETE ON progress_report FOR EACH ROW EXECUTE FUNCTION progress_report_append_only()`,
    );
    // The report that counts today for each task (latest date, then latest id): lets the dashboard for
    // the current date join 40 000 rows instead of probing the history of each task.
    await q.query(`
      CREATE TABLE progress_latest (
        task_id      int PRIMARY KEY REFERENCES task(id),
        report_id    bigint NOT NULL REFERENCES progress_report(id),
        as_of        date NOT NULL,
        actual       numeric NOT NULL,
        denominator  numeric
      )`);
    // One bulletin per campaign, unit and date: this key, not timing, makes generation happen once.
    await q.query(`
      CREATE TABLE bulletin (
        id             serial PRIMARY KEY,
        campaign_id    int NOT NULL REFERENCES campaign(id),
        unit_id        int NOT NULL REFERENCES org_unit(id),
        bulletin_date  date NOT NULL,
        trigger        text NOT NULL CHECK (trigger IN ('schedule','manual')),
        requested_by   int REFERENCES app_user(id),
        generated_at   timestamptz NOT NULL,
        content        jsonb NOT NULL,
        UNIQUE (campaign_id, unit_id, bulletin_date)
      )`);
    await q.query(`CREATE INDEX bulletin_unit_idx ON bulletin (unit_id, bulletin_date DESC)`);
    // One settlement (奖惩结算) per task and period; once confirmed it is never recomputed.
    await q.query(`
      CREATE TABLE settlement (
        id            serial PRIMARY KEY,
        task_id       int NOT NULL REFERENCES task(id),
        period        text NOT NULL,
        as_of         date NOT NULL,
        state         text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft','confirmed')),
        settings      jsonb NOT NULL,
        totals        jsonb NOT NULL,
        computed_at   timestamptz NOT NULL,
        computed_by   int REFERENCES app_user(id),
        confirmed_at  timestamptz,
        confirmed_by  int REFERENCES app_user(id),
        UNIQUE (task_id, period)
      )`);
    await q.query(`
      CREATE TABLE settlement_line (
        id                   bigserial PRIMARY KEY,
        settlement_id        int NOT NULL REFERENCES settlement(id) ON DELETE CASCADE,
        task_id              int NOT NULL REFERENCES task(id),
        unit_id              int NOT NULL REFERENCES org_unit(id),
        cadre_user_id        int REFERENCES app_user(id),
        target               numeric NOT NULL,
        new_enrolees         numeric NOT NULL,
        rate                 numeric,
        tier                 text NOT NULL CHECK (tier IN ('full','partial','none','criticised','zero')),
        reward               numeric NOT NULL,
        deduction            numeric NOT NULL,
        criticism            boolean NOT NULL,
        talk                 boolean NOT NULL,
        admonition           boolean NOT NULL,
        written_explanation  boolean NOT NULL
      )`);
    await q.query(`CREATE INDEX settlement_line_settlement_idx ON settlement_line (settlement_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE settlement_line, settlement, bulletin, progress_latest`);
    await q.query(`DROP TRIGGER progress_report_no_update ON progress_report`);
    await q.query(`DROP TABLE progress_report`);
    await q.query(`DROP FUNCTION progress_report_append_only()`);
  }
}
