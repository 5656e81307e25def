import { AppConfig, Queryable, Role } from '#core';
import { AdminBootstrapRepository } from '../repositories/admin-bootstrap.repository';
import { PLACEHOLDER_ROOT } from '../rules/root';
import { hashPassword } from './password-hasher';

/**
 * First start on an empty database: user admin with ADMIN_PASSWORD, at the root (a placeholder root if there is no tree yet).
 * In production that password sits in the deployment's environment, so it must be changed at first login;
 * in development and test it is the documented one and is not forced.
 */
export async function ensureAdmin(db: Queryable, config: AppConfig): Promise<void> {
  const rows = new AdminBootstrapRepository();
  if (await rows.adminExists(db)) return;
  // the one root (index org_unit_one_root); without a tree yet, a placeholder the first top unit takes over
  const rootId = (await rows.rootId(db)) ?? (await rows.insertRoot(db, PLACEHOLDER_ROOT));
  await rows.insertAdmin(db, {
    orgUnitId: rootId,
    roles: [Role.Admin],
    passwordHash: await hashPassword(config.adminPassword, config.BCRYPT_COST),
    mustChangePassword: config.isProduction,
  });
}
