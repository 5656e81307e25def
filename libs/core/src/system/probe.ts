import { Controller, Get, HttpCode, Injectable, Module, OnModuleInit, Param, Post } from '@nestjs/common';
import { ParseIdPipe } from '../validation/id.pipe';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { DataSource } from 'typeorm';
import { AuthUser, CurrentUser, Role, Roles } from '../auth/auth-user';
import { DomainError } from '../errors/domain-error';
import { JobCompletion } from '../queue/job-completion';
import { JobHandlers } from '../queue/job-handlers';
import { OutboxService } from '../queue/outbox.service';
import { JOB_IDS } from '../queue/jobs';
import { ProbeDto, toProbeDto } from './probe.dto';
import { WorkerProbeRepository } from './worker-probe.repository';

/** A round trip through the whole job path: api writes a row and an outbox job, the worker stamps the row. */
@Injectable()
export class ProbeService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly handlers: JobHandlers,
    private readonly completion: JobCompletion,
    private readonly probes: WorkerProbeRepository,
  ) {}

  onModuleInit(): void {
    this.handlers.register('system.probe', ({ probeId }, job) => this.process(probeId, job));
  }

  async request(user: AuthUser): Promise<ProbeDto> {
    return this.dataSource.transaction(async (m) => {
      const row = await this.probes.insert(m, randomUUID(), user.id);
      await this.outbox.enqueue(m, 'system.probe', { probeId: row.id }, { jobId: JOB_IDS.probe(row.id) });
      return toProbeDto(row);
    });
  }

  async get(id: number): Promise<ProbeDto> {
    const row = await this.probes.find(this.dataSource, id);
    if (!row) throw DomainError.notFound('probe', id);
    return toProbeDto(row);
  }

  /** Idempotent: only the first run stamps the row; the job is recorded done in the same transaction. */
  async process(probeId: number, job?: Job): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await this.probes.stamp(m, probeId, `${hostname()}:${process.pid}`);
      await this.completion.markDone(job, m);
    });
  }
}

@ApiTags('system')
@ApiBearerAuth()
@Controller('system/probes')
@Roles(Role.Admin)
export class ProbeController {
  constructor(private readonly probes: ProbeService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a probe job through the queue to the worker (admin)' })
  @ApiAcceptedResponse({ type: ProbeDto })
  request(@CurrentUser() user: AuthUser) {
    return this.probes.request(user);
  }

  @Get(':id')
  @ApiOperation({ summary: 'See whether the worker processed a probe (admin)' })
  @ApiOkResponse({ type: ProbeDto })
  get(@Param('id', ParseIdPipe) id: number) {
    return this.probes.get(id);
  }
}

@Module({ controllers: [ProbeController], providers: [ProbeService, WorkerProbeRepository], exports: [ProbeService] })
export class SystemModule {}
