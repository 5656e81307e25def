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

