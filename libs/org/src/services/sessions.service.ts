import { AppConfig } from '#core';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { UserSessionRepository } from '../repositories/user-session.repository';

/** Lifetime of an access token; the refresh token keeps a session going, the idle timeout ends it. */
export const ACCESS_TOKEN_SECONDS = 30 * 60;

export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
  /** Seconds the access token lives. */
  expiresIn: number;
  /** Set after an admin created the account or reset its password: only POST /api/auth/password (and me, logout, refresh) work. */
  mustChangePassword: boolean;
}

export type RevokeReason = 'logout' | 'password-changed' | 'deactivated' | 'roles-changed' | 'refresh-reuse' | 'idle' | 'lockout';

export function refreshTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Sessions (user_session) and their refresh tokens (user_refresh_token, stored as SHA-256). Callers own the transaction. */
@Injectable()
export class SessionsService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly repo: UserSessionRepository,
  ) {}

  /** Starts a session for a user who just proved who they are. */
  async open(m: EntityManager, userId: number, at: Date, ip: string | null, mustChangePassword: boolean): Promise<SessionTokens> {
    const sessionId = randomUUID();
    await this.repo.insertSession(m, sessionId, userId, at, ip);
    return this.tokens(m, userId, sessionId, at, mustChangePassword);
  }

  /** A new refresh token for the session (the caller marked the old one used) and a new access token. */
  async tokens(m: EntityManager, userId: number, sessionId: string, at: Date, mustChangePassword: boolean): Promise<SessionTokens> {
    const refreshToken = randomBytes(32).toString('base64url');
    await this.repo.insertRefreshToken(m, refreshTokenHash(refreshToken), sessionId, at);
    // exp is checked against the real time by jsonwebtoken; the session row (idle, revoked) against the injected clock
    const accessToken = await this.jwt.signAsync({ sub: userId, sid: sessionId }, { secret: this.config.jwtSecret, expiresIn: ACCESS_TOKEN_SECONDS });
    return { accessToken, refreshToken, expiresIn: ACCESS_TOKEN_SECONDS, mustChangePassword };
  }

  /** Ends every live session of a user at once; their access tokens fail at the next request. */
  async revokeAll(m: EntityManager, userId: number, at: Date, reason: RevokeReason): Promise<number> {
    return this.repo.revokeAll(m, userId, at, reason);
  }

  async revoke(m: EntityManager, sessionId: string, at: Date, reason: RevokeReason): Promise<void> {
    await this.repo.revoke(m, sessionId, at, reason);
  }

  /** The instant before which a session's last activity ends it. */
  idleCutoff(at: Date): Date {
    return new Date(at.getTime() - this.config.SESSION_IDLE_MINUTES * 60_000);
  }
}
