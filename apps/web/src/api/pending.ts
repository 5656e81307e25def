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

// Tasks, campaigns and allocations (libs/campaigns dto/*.types.ts) until branch h-openapi3's response DTOs land.
interface TaskSummaryShape {
  id: number;
  campaignId: number;
  campaignName: string;
  indicatorId: number;
  indicatorCode: string;
  indicatorName: string;
  kind: 'count' | 'amount' | 'ratio';
  unit: string;
  holderUnitId: number;
  holderCode: string;
  holderName: string;
  holderUserId: number | null;
  parentTaskId: number | null;
  target: string;
  deadline: string;
  status: string;
  metOn: string | null;
  metLate: boolean | null;
  allocationId: number | null;
  allocationVersion: number | null;
}
type AllocationRef = { id: number; version: number; status: 'draft' | 'submitted' | 'approved' | 'rejected' | 'superseded' } | null;

/** GET /api/tasks/mine and /api/tasks (TasksService.page). */
export type TaskPage = Documented<Answer<'/api/tasks/mine', 'get'>, PageOf<TaskSummaryShape>>;
/** GET /api/tasks/:id (TaskView). */
export type TaskDetail = Documented<
  Answer<'/api/tasks/{id}', 'get'>,
  TaskSummaryShape & { chain: TaskSummaryShape[]; milestones: { dueOn: string; percent: string; expected: string }[]; allocation: AllocationRef; pendingAllocation: AllocationRef }
>;
/** GET /api/campaigns/:id (CampaignView: the fields the unit screens read). */
export type CampaignDetail = Documented<
  Answer<'/api/campaigns/{id}', 'get'>,
  { id: number; name: string; startsOn: string; endsOn: string; status: CampaignStatus; milestones: { dueOn: string; percent: string }[] }
>;
/** GET /api/allocations/:id, POST /api/allocations (AllocationView: the fields the split editor reads). */
export type AllocationDetail = Documented<
  Answer<'/api/allocations/{id}', 'get'>,
  {
    id: number;
    status: 'draft' | 'submitted' | 'approved' | 'rejected' | 'superseded';
    version: number;
    rejectReason: string | null;
    total: string;
    lines: { childUnitId: number; childName: string; holderUserId: number | null; holderName: string | null; target: string; deadline: string | null }[];
  }
>;
