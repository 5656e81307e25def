import { AuditService, AuthUser, DomainError, Page, pageOf } from '#core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { checkTemplate, renderTemplate, SAMPLE_VALUES, TEMPLATE_VARIABLE_LABELS, TemplateValues, TemplateVariable, templateVariables } from './template-rules';

export interface TemplateView {
  kind: string;
  name: string;
  body: string;
  variables: string[];
  updatedAt: Date;
}

interface TemplateRow {
  kind: string;
  name: string;
  body: string;
  variables: string[];
  updated_at: Date;
}
const view = (r: TemplateRow): TemplateView => ({ kind: r.kind, name: r.name, body: r.body, variables: r.variables, updatedAt: r.updated_at });

/** Message templates per kind, in Chinese, with {{variable}} placeholders checked when saved. */
@Injectable()
export class TemplatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async find(m: EntityManager, kind: string): Promise<TemplateView | null> {
    const [row]: TemplateRow[] = await m.query(`SELECT * FROM notice_template WHERE kind = $1`, [kind]);
    return row ? view(row) : null;
  }

  async get(kind: string): Promise<TemplateView> {
    const t = await this.find(this.dataSource.manager, kind);
    if (!t) throw DomainError.notFound('template', kind);
    return t;
  }

  async list(q: { offset: number; pageSize: number; page: number }): Promise<Page<TemplateView>> {
    const rows: TemplateRow[] = await this.dataSource.query(`SELECT * FROM notice_template ORDER BY kind OFFSET $1 LIMIT $2`, [q.offset, q.pageSize]);
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM notice_template`);
    return pageOf(rows.map(view), n, q as never);
  }

  /** Creates or replaces a template; an unknown variable (or no Chinese text) is refused here, naming the body. */
  async save(user: AuthUser, kind: string, input: { name: string; body: string }): Promise<TemplateView> {
    const problems = checkTemplate(input.body);
    if (problems.length) throw DomainError.validation('body', problems.join('; '));
    return this.dataSource.transaction(async (m) => {
      const before = await this.find(m, kind);
      const [row]: TemplateRow[] = await m.query(
        `INSERT INTO notice_template (kind, name, body, variables, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, now())
         ON CONFLICT (kind) DO UPDATE SET name = EXCLUDED.name, body = EXCLUDED.body, variables = EXCLUDED.variables, updated_by = EXCLUDED.updated_by, updated_at = now()
         RETURNING *`,
        [kind, input.name, input.body, templateVariables(input.body), user.id],
      );
      await this.audit.record(m, user, {
        action: before ? 'update' : 'create',
        entity: 'notice_template',
        entityId: kind,
        orgUnitPath: null,
        before,
        after: view(row),
      });
      return view(row);
    });
  }

  /** The message as it would be sent, with the given values or samples for those not given. */
  preview(body: string, values: TemplateValues = {}) {
    const problems = checkTemplate(body);
    if (problems.length) throw DomainError.validation('body', problems.join('; '));
    const used = templateVariables(body) as TemplateVariable[];
    const filled: TemplateValues = {};
    for (const v of used) filled[v] = values[v] ?? SAMPLE_VALUES[v];
    const text = renderTemplate(body, filled);
    return { text, length: text.length, variables: used.map((v) => ({ name: v, label: TEMPLATE_VARIABLE_LABELS[v], value: filled[v] })) };
  }

  async previewKind(kind: string, values?: TemplateValues) {
    return { kind, ...this.preview((await this.get(kind)).body, values) };
  }
}
