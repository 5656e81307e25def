// Answers of routes that do not yet declare a response schema (see answers.ts): what they send today, read from the
// API's services. Each is used only while the generated type is missing; delete each once schema.d.ts has it.
import type { Documented, Answer } from './answers';
import type { components, paths } from './schema';

type Role = components['schemas']['CreateUserDto']['roles'][number];

/** POST /api/auth/login, /refresh, /password (libs/org SessionsService.tokens). */
export type SessionTokens = Documented<
  Answer<'/api/auth/login', 'post'>,
  { accessToken: string; refreshToken: string; expiresIn: number; mustChangePassword: boolean }
>;

/** GET /api/auth/me (libs/core AuthUser). */
export type Me = Documented<
  Answer<'/api/auth/me', 'get'>,
  { id: number; username: string; roles: Role[]; orgUnitId: number; orgUnitPath: string; seesAll: boolean; mustChangePassword?: boolean }
>;

/** GET /api/org-units/:id (the fields the shell shows). */
export type OrgUnit = Documented<Answer<'/api/org-units/{id}', 'get'>, { id: number; code: string; name: string; level: string }>;

interface PageOf<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export type CampaignStatus = NonNullable<NonNullable<paths['/api/campaigns']['get']['parameters']['query']>['status']>;

/** GET /api/campaigns (libs/campaigns CampaignsService.list). */
export type CampaignPage = Documented<
  Answer<'/api/campaigns', 'get'>,
  PageOf<{ id: number; orgUnitId: number; name: string; startsOn: string; endsOn: string; status: CampaignStatus; unitName: string }>
>;

type AllocationStatus = NonNullable<NonNullable<paths['/api/allocations']['get']['parameters']['query']>['status']>;

/** GET /api/tasks (libs/campaigns TaskSummary): the fields the leader's overdue list shows. */
export type TaskPage = Documented<
  Answer<'/api/tasks', 'get'>,
  PageOf<{
    id: number;
    campaignId: number;
    indicatorId: number;
    indicatorCode: string;
    indicatorName: string;
    kind: string;
    unit: string;
    holderUnitId: number;
    holderCode: string;
    holderName: string;
    holderUserId: number | null;
    target: string;
    deadline: string;
    status: string;
  }>
>;

/** GET /api/allocations (libs/campaigns AllocationListItem). */
export type AllocationPage = Documented<
  Answer<'/api/allocations', 'get'>,
  PageOf<{
    id: number;
    campaignId: number;
    indicatorId: number;
    indicatorName: string;
    parentTaskId: number;
    allocatingUnitId: number;
    unitName: string;
    version: number;
    status: AllocationStatus;
    updatedAt: string;
  }>
>;

/** GET /api/allocations/:id and the answer of approve/reject (libs/campaigns AllocationView). */
export type AllocationView = Documented<
  Answer<'/api/allocations/{id}', 'get'>,
  {
    id: number;
    campaignId: number;
    indicatorId: number;
    indicator: { name: string; kind: 'count' | 'amount' | 'ratio'; unit: string };
    parentTaskId: number;
    parentTarget: string;
    parentDeadline: string;
    allocatingUnit: { id: number; code: string; name: string };
    version: number;
    status: AllocationStatus;
    previousId: number | null;
    rejectReason: string | null;
    outOfStep: string | null;
    submittedAt: string | null;
    decidedAt: string | null;
    decisionComment: string | null;
    total: string;
    lines: {
      id: number;
      childUnitId: number;
      childCode: string;
      childName: string;
      holderUserId: number | null;
      holderName: string | null;
      target: string;
      deadline: string | null;
      taskId: number | null;
    }[];
    steps: { action: 'create' | 'update' | 'submit' | 'approve' | 'reject'; actorId: number | null; actorUsername: string | null; at: string; comment: string | null }[];
    versions: { id: number; version: number; status: AllocationStatus }[];
  }
>;
