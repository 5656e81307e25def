import 'reflect-metadata';
import { checkRedis, checkRedisKeepsQueues, ConfigError, exitAfterDeadlineOnSignal, loadConfig, QuietStartupLogger, ServiceUnavailableError } from '#core';
import { prepareDatabase } from '#platform';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = loadConfig();
  await checkRedis(config);
  await checkRedisKeepsQueues(config);
  await prepareDatabase(config, (line) => console.log(line));
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(new QuietStartupLogger(app.get(Logger))); // Nest's module and route dump at debug, not info
  app.enableShutdownHooks();
  exitAfterDeadlineOnSignal('Yingbao worker');
  console.log(`Yingbao worker ${process.pid} processing queues (prefix ${config.QUEUE_PREFIX})`);
}

main().catch((e) => {
  if (e instanceof ConfigError || e instanceof ServiceUnavailableError) console.error(e.message);
  else console.error(e);
  process.exit(1);
});
