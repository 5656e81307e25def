import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from './config';
import { redactingSerializers } from './log-redaction';
import { requestIdOf } from './request-id';
import type { IncomingMessage } from 'node:http';

/**
 * Structured logs (pino); readable lines in development, JSON elsewhere. Every request's lines carry its requestId (also
 * in the X-Request-Id header and in an error answer) and the one that ends it the userId.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.LOG_LEVEL,
          autoLogging: config.NODE_ENV !== 'test',
          redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]', 'res.headers["set-cookie"]'],
          serializers: redactingSerializers,
          genReqId: requestIdOf,
          // read again when the request ends: by then the auth guard has put the user on it
          customProps: (req: IncomingMessage) => ({ requestId: req.id, userId: (req as { user?: { id?: number } }).user?.id ?? null }),
          transport: config.NODE_ENV === 'development' ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
        },
      }),
    }),
  ],
})
export class LoggingModule {}
