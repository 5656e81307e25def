import { JobHandlers } from '#core';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { ImportService } from '../services/import.service';

/** The handler of `registry.import` (enqueued through the outbox when an import is created): loads the file. */
@Injectable()
export class RegistryJobs implements OnModuleInit {
  constructor(
    private readonly handlers: JobHandlers,
    private readonly imports: ImportService,
  ) {}

  onModuleInit(): void {
    this.handlers.register('registry.import', ({ importJobId }) => this.imports.run(importJobId));
  }
}
