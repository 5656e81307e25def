import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Seeds 000 and 004: land projects at the unit that runs them, the farmers each lists (verified or not, and
 * when; insured once the subsidy is paid out), the subsidy fund due and arrived, and its split into personal pension accounts (N people × amount each).
 */
export class LandProjects1764001310000 implements MigrationInterface {
  name = 'LandProjects1764001310000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE land_project (
        id serial PRIMARY KEY,
        org_unit_id int NOT NULL REFERENCES org_unit(id),
        name varchar(100) NOT NULL,
        year int NOT NULL CHECK (year BETWEEN 1980 AND 2100),
        agreement_on date NOT NULL,
        area_mu numeric(12,2) NOT NULL CHECK (area_mu >= 0),
        fund_due numeric(14,2) NOT NULL CHECK (fund_due >= 0),
        fund_arrived numeric(14,2) NOT NULL DEFAULT 0 CHECK (fund_arrived >= 0),
        verify_within_days int NOT NULL DEFAULT 30 CHECK (verify_within_days BETWEEN 1 AND 3650),
        split_people int CHECK (split_people > 0),
        split_amount_each numeric(14,2) CHECK (split_amount_each > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX land_project_unit_idx ON land_project (org_unit_id)`);
    await q.query(`
      CREATE TABLE land_farmer (
        id serial PRIMARY KEY,
        project_id int NOT NULL REFERENCES land_project(id) ON DELETE CASCADE,
        name varchar(100) NOT NULL,
        id_number char(18) NOT NULL,
        village varchar(100) NOT NULL,
        verified boolean NOT NULL DEFAULT false,
        verified_on date,
        subsidy_paid_on date,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (project_id, id_number),
        CHECK (verified OR verified_on IS NULL)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE land_farmer`);
    await q.query(`DROP TABLE land_project`);
  }
}
