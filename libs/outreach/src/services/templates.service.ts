import { AuditService, AuthUser, DomainError, Page, pageOf, pathInScope } from '#core';
import { OrgReader, ScopeService } from '#org';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { NoticeTemplateRepository, TemplateRow } from '../repositories/notice-template.repository';
import {
  checkTemplate,
  renderTemplate,
  SAMPLE_VALUES,
  TEMPLATE_VARIABLE_LABELS,
  TemplateValues,
  TemplateVariable,
  templateVariables,
} from '../rules/template-rules';

export interface TemplateView {
  id: number;
  kind: string;
  name: string;
  body: string;
  variables: string[];
  /** The unit the template belongs to (the root for installation-wide templates). */
  orgUnitId: number | null;
  orgUnitName: string | null;
  /** Whether the caller may change it: its own unit's or below; an ancestor's is only inherited. */
  editable: boolean;
  updatedAt: Date;
}

/**
 * Message templates per kind and unit, in Chinese, with {{variable}} placeholders checked when
 * saved. A unit's template overrides its ancestors' of the same kind for rounds in its subtree; an
 * office edits the templates of its own unit and below and only reads the ones it inherits.
 */
@Injectable()
export class TemplatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly scope: ScopeService,
    private readonly repo: NoticeTemplateRepository,
    private readonly org: OrgReader,
  ) {}

  private view(user: AuthUser | null, r: TemplateRow): TemplateView {
    return {
      id: r.id,
      kind: r.kind,
      name: r.name,
      body: r.body,
      variables: r.variables,
      orgUnitId: r.unit_id,
      orgUnitName: r.unit_name,
      editable: user ? pathInScope(user, r.unit_path) : false,
      updatedAt: r.updated_at,
    };
  }

  /** The template a round at a unit (by path) uses: the nearest one of the kind up the tree. */
  async find(m: EntityManager, kind: string, unitPath: string): Promise<TemplateView | null> {
    const row = await this.repo.nearest(m, kind, unitPath);
    return row ? this.view(null, row) : null;
  }

  /** For each round, the body of the nearest template of its kind up the tree from its unit (one query). */
  async bodiesForRounds(m: EntityManager, roundIds: number[]): Promise<Map<number, string>> {
    const rows = await this.repo.bodiesForRounds(m, roundIds);
    return new Map(rows.map((r) => [Number(r.round_id), r.body]));
  }

  /** The unit a request is about: the one named (in scope) or the caller's own. */
  private async unitPath(user: AuthUser, orgUnitId: number | undefined, m: EntityManager): Promise<string> {
    return orgUnitId === undefined ? user.orgUnitPath : this.scope.unitPathInScope(user, orgUnitId, m);
  }

  /** The template of a kind that applies at a unit (default the caller's), with whether the caller may edit it. */
  async get(user: AuthUser, kind: string, orgUnitId?: number): Promise<TemplateView> {
    const m = this.dataSource.manager;
    const row = await this.repo.nearest(m, kind, await this.unitPath(user, orgUnitId, m));
    if (!row) throw DomainError.notFound('template', kind);
    return this.view(user, row);
  }

  /** The templates of the caller's subtree and the ones it inherits from its ancestors (read-only for it). */
  async list(user: AuthUser, q: { offset: number; pageSize: number; page: number }): Promise<Page<TemplateView>> {
    const scope = this.scope.scopeOf(user);
    const rows = await this.repo.page(this.dataSource.manager, scope, q.offset, q.pageSize);
    const n = await this.repo.count(this.dataSource.manager, scope);
    return pageOf(
      rows.map((r) => this.view(user, r)),
      n,
      q as never,
    );
  }

  /**
   * Creates or replaces the template of a kind at a unit (default the caller's): a unit outside the
   * caller's subtree, such as the root for a district office, is a 403; saving at a district below
   * the root makes that district's own template, which overrides the root's in its subtree.
   */
  async save(user: AuthUser, kind: string, input: { name: string; body: string }, orgUnitId?: number): Promise<TemplateView> {
    const problems = checkTemplate(input.body);
    if (problems.length) throw DomainError.validation('body', problems.join('; '));
    return this.dataSource.transaction(async (m) => {
      const path = await this.unitPath(user, orgUnitId, m);
      const unit = (await this.org.unitAt(m, path))!;
      const ownerId = unit.is_root ? null : unit.id;
      const before = await this.repo.lockOwn(m, kind, ownerId);
      const id = await this.repo.upsert(m, { kind, ownerId, name: input.name, body: input.body, variables: templateVariables(input.body), userId: user.id });
      const row = (await this.repo.byId(m, id))!;
      const fields = (r: TemplateRow) => ({ kind: r.kind, orgUnitId: r.unit_id, name: r.name, body: r.body, variables: r.variables });
      await this.audit.record(m, user, {
        action: before ? 'update' : 'create',
        entity: 'notice_template',
        entityId: id,
        orgUnitPath: path,
        before: before ? fields(before) : null,
        after: fields(row),
      });
      return this.view(user, row);
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

  async previewKind(user: AuthUser, kind: string, values?: TemplateValues, orgUnitId?: number) {
    return { kind, ...this.preview((await this.get(user, kind, orgUnitId)).body, values) };
  }
}
