import { AppConfig, bearerMatches, ClusterMetrics, DomainError, ErrorCode, hasRole, Public, Role } from '#core';
import { AuthService } from '#org';
import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

/**
 * Prometheus metrics of this api process and the installation's queues and outbox, in the text format. Not public:
 * `Authorization: Bearer <METRICS_TOKEN>` (what Prometheus is given), or an admin's login token.
 */
@ApiTags('health')
@ApiBearerAuth()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly config: AppConfig,
    private readonly auth: AuthService,
    private readonly cluster: ClusterMetrics,
  ) {}

  @Public() // checked here: the METRICS_TOKEN is no login token
  @Get()
  @ApiOperation({ summary: 'Prometheus metrics (Bearer METRICS_TOKEN, or an admin token)' })
  @ApiOkResponse({ description: 'text/plain; version=0.0.4', schema: { type: 'string' } })
  async metrics(@Headers('authorization') authorization: string | undefined, @Res() res: Response): Promise<void> {
    if (!bearerMatches(authorization, this.config.METRICS_TOKEN)) {
      const token = authorization?.startsWith('Bearer ') ? authorization.slice(7) : undefined;
      if (!token)
        throw new DomainError(ErrorCode.Unauthenticated, '请提供 METRICS_TOKEN 或管理员令牌（Authorization: Bearer <METRICS_TOKEN> or an admin token）');
      const user = await this.auth.userFromToken(token);
      if (!hasRole(user, Role.Admin) || user.mustChangePassword) throw DomainError.forbidden('只有系统管理员可以读取监控指标（admins only）');
    }
    const m = await this.cluster.render();
    res.setHeader('Content-Type', m.contentType);
    res.send(m.body);
  }
}
