import type { Answer } from '../../api/answers';

/** GET /api/campaigns/:id, and what create, activate and close answer. */
export type CampaignView = Answer<'/api/campaigns/{id}', 'get'>;
/** GET/PUT /api/campaigns/:id/settings: every section with every field. */
export type CampaignSettings = Answer<'/api/campaigns/{id}/settings', 'get'>;
/** GET /api/tasks/:id: the campaign detail reads its approved and pending split. */
export type TaskSplit = Answer<'/api/tasks/{id}', 'get'>;
