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

type Schemas = components['schemas'];
type Section<K extends keyof Schemas['CampaignSettingsDto']> = Required<NonNullable<Schemas['CampaignSettingsDto'][K]>>;

/** GET/PUT /api/campaigns/:id/settings: every section with every field (libs/campaigns settings.types CampaignSettings). */
export type CampaignSettings = Documented<
  Answer<'/api/campaigns/{id}/settings', 'get'>,
  {
    // the DTO lacks type: [Number], so the generated request type says string[]; the API takes and answers numbers
    deadlines: Omit<Section<'deadlines'>, 'reminderOffsetsDays'> & { reminderOffsetsDays: number[] };
    escalation: Omit<Section<'escalation'>, 'windows'> & { windows: { from: string; to: string }[] };
    progress: Omit<Section<'progress'>, 'incentives'> & { incentives: Required<Schemas['IncentiveTiersDto']> };
    registry: { referenceDate: string | null };
    inspection: Section<'inspection'>;
    notices: Section<'notices'>;
  }
>;

/** GET /api/campaigns/:id, and what create/activate/close answer (libs/campaigns dto/campaign.types CampaignView). */
export type CampaignView = Documented<
  Answer<'/api/campaigns/{id}', 'get'>,
  {
    id: number;
    orgUnitId: number;
    name: string;
    startsOn: string;
    endsOn: string;
    status: CampaignStatus;
    settings: CampaignSettings;
    officeName: string | null;
    createdBy: number | null;
    createdAt: string;
    updatedAt: string;
    phases: { id: number; campaignId: number; name: string; startsOn: string; endsOn: string; ordinal: number }[];
    milestones: { id: number; campaignId: number; dueOn: string; percent: string }[];
    members: (Omit<Schemas['MemberDto'], 'title'> & { id: number; campaignId: number; title: string | null; username: string; displayName: string })[];
    indicators: (Omit<Schemas['IndicatorDto'], 'target' | 'numeratorLabel' | 'denominatorLabel'> & {
      id: number;
      campaignId: number;
      numeratorLabel: string | null;
      denominatorLabel: string | null;
      topTarget: string | null;
    })[];
    topTasks: { id: number; indicatorId: number; target: string; deadline: string; status: string }[];
  }
>;

/** GET /api/tasks/:id, the fields the campaign detail reads (libs/campaigns dto/task.types TaskView). */
export type TaskSplit = Documented<
  Answer<'/api/tasks/{id}', 'get'>,
  {
    id: number;
    allocation: { id: number; version: number; status: string } | null;
    pendingAllocation: { id: number; version: number; status: string } | null;
  }
>;
