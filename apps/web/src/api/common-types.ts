// Answers the shell and several screens share, named once; all come from the generated schema (no hand-written shapes).
import type { Answer } from './answers';
import type { paths } from './schema';

/** POST /api/auth/login, /refresh, /password. */
export type SessionTokens = Answer<'/api/auth/login', 'post'>;

/** GET /api/auth/me. */
export type Me = Answer<'/api/auth/me', 'get'>;

/** GET /api/org-units/:id. */
export type OrgUnit = Answer<'/api/org-units/{id}', 'get'>;

export type CampaignStatus = NonNullable<NonNullable<paths['/api/campaigns']['get']['parameters']['query']>['status']>;

/** GET /api/campaigns. */
export type CampaignPage = Answer<'/api/campaigns', 'get'>;
