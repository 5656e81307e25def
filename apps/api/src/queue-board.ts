import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { AllExceptionsFilter, AppConfig, AuthUser, Clock, CurrentUser, DomainError, ErrorCode, hasRole, QueueName, Role, Roles } from '#core';
import { AuthService } from '#org';
import { getQueueToken } from '@nestjs/bullmq';
import { Controller, HttpCode, INestApplication, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';
import { cookieValue, QUEUE_BOARD_COOKIE, QUEUE_BOARD_PATH, QUEUE_BOARD_TICKET_SECONDS, queueBoardTicket, readQueueBoardTicket } from './queue-board-ticket';

export class QueueBoardSessionDto {
  @ApiProperty({ example: QUEUE_BOARD_PATH, description: 'open this in the browser (a new tab) while the cookie lasts' }) url: string;
  @ApiProperty() expiresAt: Date;
}

/** The console's way into the queue dashboard: an admin's call sets the cookie that the dashboard's pages need. */
@ApiTags('system')
@ApiBearerAuth()
@Controller('admin/queue-board')
@Roles(Role.Admin)
export class QueueBoardController {
  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  @Post('session')
  @HttpCode(200)
  @ApiOperation({
    summary: `Open the queue dashboard (Bull Board, admin): sets an HttpOnly cookie for ${QUEUE_BOARD_PATH} that lasts ${QUEUE_BOARD_TICKET_SECONDS / 60} minutes (and only while this login lasts)`,
  })
  @ApiOkResponse({ type: QueueBoardSessionDto })
  session(@CurrentUser() user: AuthUser, @Res({ passthrough: true }) res: Response): QueueBoardSessionDto {
    const ticket = queueBoardTicket(this.config.jwtSecret, user.id, user.sessionId ?? '', this.clock.now().getTime());
    res.cookie(QUEUE_BOARD_COOKIE, ticket.value, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.isProduction,
      path: QUEUE_BOARD_PATH,
      maxAge: QUEUE_BOARD_TICKET_SECONDS * 1000,
    });
    return { url: QUEUE_BOARD_PATH, expiresAt: ticket.expiresAt };
  }
}

/**
 * Bull Board at QUEUE_BOARD_PATH for admins: every request needs the cookie QueueBoardController set, still within its
 * minutes, and its login session still alive with the admin role (a logout, deactivation or role change closes it).
 * Others get the platform's JSON error (401/403) in Chinese.
 */
export function mountQueueBoard(app: INestApplication): void {
  const board = new ExpressAdapter();
  board.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    // read-only: promoting a delayed job would send a quiet-hours SMS early, cleaning completed jobs would drop the ids
    // that keep a job from running twice, a retry would race the outbox reconciler; the outbox owns every job's fate
    queues: Object.values(QueueName).map((name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name), { strict: false }), { readOnlyMode: true })),
    // @bull-board/express 9.10.1 carries its own @bull-board/api 9.10.1 beside our 9.10.2: the same interface, two declarations
    serverAdapter: board as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
    options: { uiConfig: { boardTitle: '应保尽保 队列' } },
  });
  const config = app.get(AppConfig);
  const auth = app.get(AuthService);
  const clock = app.get(Clock);
  const filter = new AllExceptionsFilter();
  const refuse = (req: Request, res: Response, e: unknown) => {
    const body = filter.toBody(e);
    res.status(body.statusCode).json({ ...body, requestId: (req as { id?: string }).id });
  };
  app.use(QUEUE_BOARD_PATH, (req: Request, res: Response, next: NextFunction) => {
    const ticket = readQueueBoardTicket(config.jwtSecret, cookieValue(req.headers.cookie, QUEUE_BOARD_COOKIE), clock.now().getTime());
    if (!ticket)
      return refuse(
        req,
        res,
        new DomainError(
          ErrorCode.Unauthenticated,
          '请以系统管理员登录控制台，在“用户管理”页点击“队列监控”打开（open the queue dashboard from the console: log in as an admin first）',
        ),
      );
    auth.userOfSession(ticket.userId, ticket.sessionId).then(
      (user) => {
        if (!hasRole(user, Role.Admin)) return refuse(req, res, DomainError.forbidden('只有系统管理员可以查看队列（admins only）'));
        board.getRouter()(req, res, next);
      },
      (e: unknown) => refuse(req, res, e),
    );
  });
}
