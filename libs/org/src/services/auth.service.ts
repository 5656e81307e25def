import { AppConfig, AuditAction, AuditService, AuthUser, Clock, DomainError, ErrorCode, Role } from '#core';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppUserRepository, UserRow } from '../repositories/app-user.repository';
import { FailureTarget, LoginFailureRepository } from '../repositories/login-failure.repository';
import { UserSessionRepository } from '../repositories/user-session.repository';
import { PasswordHasher } from './password-hasher';
import { LOCKOUT_FAILURES, LOCKOUT_MINUTES, LOCKOUT_WINDOW_MINUTES, lockedMessage } from '../rules/lockout';
import { passwordProblem } from '#core';
import { refreshTokenHash, SessionsService, SessionTokens } from './sessions.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const WRONG_LOGIN = '用户名或密码错误（wrong username or password）';
const SESSION_ENDED = '登录已失效或已超时，请重新登录（session ended）';

/** Logins, sessions and self-service password changes; every one audited with the client address. */
@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionsService,
    private readonly users: AppUserRepository,
    private readonly failures: LoginFailureRepository,
    private readonly sessionRows: UserSessionRepository,
  ) {}

  async login(username: string, password: string, ip: string | null): Promise<SessionTokens> {
    const row = await this.users.byUsernameWithHash(this.dataSource.manager, username);
    // an unknown username costs one bcrypt comparison of the same cost, like a known one
    const ok = await this.hasher.verify(password, row?.password_hash ?? (await this.hasher.dummyHash()));
    const now = this.clock.now();
    if (!row) {
      const unknown = { username, path: null } as const;
      const { lockedUntil } = await this.dataSource.transaction(async (m) => {
        await this.failures.rememberUnknown(m, username);
        // unknown usernames are remembered only while their failures count or their lock lasts (a spray of names does not pile up)
        await this.failures.forgetStaleUnknown(m, now, Math.max(LOCKOUT_WINDOW_MINUTES, LOCKOUT_MINUTES));
        return this.countFailure(m, { table: 'unknown_login_failure', key: 'username', value: username }, unknown, now, ip, 'unknown-user');
      });
      if (lockedUntil) throw new DomainError(ErrorCode.TooManyAttempts, lockedMessage(lockedUntil, now));
      throw new DomainError(ErrorCode.Unauthenticated, WRONG_LOGIN);
    }
    const outcome = await this.dataSource.transaction(async (m) => {
      if (ok && row.active) {
        // success clears the failure count, unless the account is locked now (decided here, under the row lock)
        if (await this.users.clearFailuresUnlessLocked(m, row.id, now)) {
          const tokens = await this.sessions.open(m, row.id, now, ip, row.must_change_password);
          await this.audit.record(m, toAuthUser(row), { action: 'login', entity: 'auth', entityId: username, orgUnitPath: row.path, ip });
          return { tokens };
        }
        const lockedUntil = await this.failures.lockedUntil(m, { table: 'app_user', key: 'id', value: row.id });
        await this.audit.record(m, null, { ...this.event(row, 'login-refused', ip), after: { reason: 'locked' } });
        return { lockedUntil };
      }
      return this.countFailure(m, { table: 'app_user', key: 'id', value: row.id }, row, now, ip, row.active ? 'wrong-password' : 'inactive');
    });
    if ('tokens' in outcome) return outcome.tokens;
    if (outcome.lockedUntil) throw new DomainError(ErrorCode.TooManyAttempts, lockedMessage(outcome.lockedUntil, now));
    throw new DomainError(ErrorCode.Unauthenticated, WRONG_LOGIN);
  }

  /**
   * One more failure: the fifth within LOCKOUT_WINDOW_MINUTES of the first locks the account for LOCKOUT_MINUTES.
   * Answers the lock's end when the account is (now) locked.
   */
  private async countFailure(
    m: EntityManager,
    target: FailureTarget,
    row: Pick<UserRow, 'username' | 'path'> | { username: string; path: null },
    now: Date,
    ip: string | null,
    reason: string,
  ): Promise<{ lockedUntil: Date | null }> {
    const u = await this.failures.countFailure(m, target, now, {
      windowMinutes: LOCKOUT_WINDOW_MINUTES,
      failures: LOCKOUT_FAILURES,
      lockMinutes: LOCKOUT_MINUTES,
    });
    if (!u) {
      await this.audit.record(m, null, { ...this.event(row, 'login-refused', ip), after: { reason: 'locked' } });
      return { lockedUntil: await this.failures.lockedUntil(m, target) };
    }
    await this.audit.record(m, null, { ...this.event(row, 'login-failed', ip), after: { reason } });
    if (!u.just_locked) return { lockedUntil: null };
    await this.audit.record(m, null, { ...this.event(row, 'lockout', ip), after: { lockedUntil: u.locked_until } });
    return { lockedUntil: u.locked_until };
  }

  private event(row: { username: string; path: string | null }, action: AuditAction, ip: string | null) {
    return { action, entity: 'auth', entityId: row.username, actorUsername: row.username, orgUnitPath: row.path, ip };
  }

  /** Trades a refresh token for a new pair; the old one is spent. A spent one shown again ends its whole session. */
  async refresh(refreshToken: string, ip: string | null): Promise<SessionTokens> {
    const now = this.clock.now();
    const outcome = await this.dataSource.transaction(async (m) => {
      const row = await this.sessionRows.refreshRowForUpdate(m, refreshTokenHash(refreshToken));
      if (!row) return null;
      if (row.used_at) {
        // a spent token again: someone holds a copy. End the session for both holders.
        await this.sessions.revoke(m, row.session_id, now, 'refresh-reuse');
        await this.audit.record(m, null, { ...this.event(row, 'refresh-reuse', ip), after: { sessionId: row.session_id } });
        return null;
      }
      if (row.revoked_at || !row.active) return null;
      if (row.last_seen_at <= this.sessions.idleCutoff(now)) {
        await this.sessions.revoke(m, row.session_id, now, 'idle');
        return null;
      }
      await this.sessionRows.spend(m, refreshTokenHash(refreshToken), row.session_id, now);
      return this.sessions.tokens(m, row.id, row.session_id, now, row.must_change_password);
    });
    if (!outcome) throw new DomainError(ErrorCode.Unauthenticated, SESSION_ENDED);
    return outcome;
  }

  /** Ends every session of the caller (all devices). */
  async logout(user: AuthUser, ip: string | null): Promise<{ sessionsEnded: number }> {
    return this.dataSource.transaction(async (m) => {
      const sessionsEnded = await this.sessions.revokeAll(m, user.id, this.clock.now(), 'logout');
      await this.audit.record(m, user, { action: 'logout', entity: 'auth', entityId: user.username, orgUnitPath: user.orgUnitPath, ip });
      return { sessionsEnded };
    });
  }

  /** Self-service change: the current password, a new one by the policy; every session ends and a new one starts. */
  async changePassword(user: AuthUser, currentPassword: string, newPassword: string, ip: string | null): Promise<SessionTokens> {
    const row = (await this.users.byIdWithHash(this.dataSource.manager, user.id))!;
    const started = this.clock.now();
    // a stolen token must not become unlimited guesses at the password: wrong current passwords count as failed logins
    if (row.locked_until && row.locked_until > started) throw new DomainError(ErrorCode.TooManyAttempts, lockedMessage(row.locked_until, started));
    if (!(await this.hasher.verify(currentPassword, row.password_hash))) {
      const target = { table: 'app_user', key: 'id', value: user.id } as const;
      const { lockedUntil } = await this.dataSource.transaction((m) => this.countFailure(m, target, row, started, ip, 'wrong-current-password'));
      if (lockedUntil) {
        // locked: the sessions of whoever was guessing end too
        await this.dataSource.transaction((m) => this.sessions.revokeAll(m, user.id, started, 'lockout'));
        throw new DomainError(ErrorCode.TooManyAttempts, lockedMessage(lockedUntil, started));
      }
      throw DomainError.validation('currentPassword', '当前密码不正确');
    }
    const problem = passwordProblem(newPassword, user.username);
    if (problem) throw DomainError.validation('newPassword', problem);
    if (newPassword === currentPassword) throw DomainError.validation('newPassword', '新密码不能与当前密码相同');
    const hash = await this.hasher.hash(newPassword);
    const now = this.clock.now();
    return this.dataSource.transaction(async (m) => {
      await this.users.setOwnPassword(m, user.id, hash, now);
      await this.sessions.revokeAll(m, user.id, now, 'password-changed');
      await this.audit.record(m, user, {
        action: 'password-change',
        entity: 'user',
        entityId: user.id,
        orgUnitPath: user.orgUnitPath,
        ip,
        before: {},
        after: { passwordChanged: true },
      });
      return this.sessions.open(m, user.id, now, ip, false);
    });
  }

  /**
   * The caller behind a bearer token, read fresh from the database with its session in one statement, so that
   * deactivation, moves and revoked or idle sessions apply at once. Touches the session's last activity.
   */
  async userFromToken(token: string): Promise<AuthUser> {
    let claims: { sub: number; sid?: string };
    try {
      claims = await this.jwt.verifyAsync<{ sub: number; sid?: string }>(token, { secret: this.config.jwtSecret });
    } catch {
      throw new DomainError(ErrorCode.Unauthenticated, SESSION_ENDED);
    }
    return this.userOfSession(claims.sub, claims.sid);
  }

  /**
   * The user of login session `sessionId` while it lasts (not ended, not idle, the account active), touching it: the
   * caller behind a token, or behind a ticket made from one (the queue dashboard's cookie).
   */
  async userOfSession(userId: number, sessionId: string | undefined): Promise<AuthUser> {
    if (!sessionId || !UUID.test(sessionId) || !Number.isInteger(userId)) throw new DomainError(ErrorCode.Unauthenticated, SESSION_ENDED);
    const now = this.clock.now();
    const row = await this.sessionRows.touchAndLoadUser(this.dataSource.manager, userId, sessionId, now, this.sessions.idleCutoff(now));
    if (!row) throw new DomainError(ErrorCode.Unauthenticated, SESSION_ENDED);
    if (!row.active) throw new DomainError(ErrorCode.Unauthenticated, '该账户已停用（this account is not active）');
    return { ...toAuthUser(row), displayName: row.display_name, sessionId, mustChangePassword: row.must_change_password };
  }
}

export function toAuthUser(row: Pick<UserRow, 'id' | 'username' | 'roles' | 'org_unit_id' | 'path' | 'depth'>): AuthUser {
  const roles = row.roles;
  // depth 0 is the root: the only unit without a parent (one tree per installation, index org_unit_one_root)
  const atRoot = row.depth === 0;
  const seesAll = roles.includes(Role.Admin) || (atRoot && (roles.includes(Role.Office) || roles.includes(Role.Leader)));
  return { id: row.id, username: row.username, roles, orgUnitId: row.org_unit_id, orgUnitPath: row.path, seesAll };
}
