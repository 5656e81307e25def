import { AuthUser, CurrentUser, ParseIdPipe, sendXlsx, XLSX_MIME } from '#core';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AllocationListQuery, CreateAllocationDto, RejectAllocationDto, StepCommentDto, UpdateAllocationDto } from '../dto/allocation.dto';
import { AllocationDraftsService } from '../services/allocation-drafts.service';
import { AllocationExportService } from '../services/allocation-export.service';
import { AllocationReads } from '../services/allocation-reads.service';
import { AllocationReviewService } from '../services/allocation-review.service';
import { AllocationSubmissionService } from '../services/allocation-submission.service';

@ApiTags('allocations')
@ApiBearerAuth()
@Controller('allocations')
export class AllocationsController {
  constructor(
    private readonly drafts: AllocationDraftsService,
    private readonly submission: AllocationSubmissionService,
    private readonly review: AllocationReviewService,
    private readonly reads: AllocationReads,
    private readonly exports: AllocationExportService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Draft the split of a task over units of its holder’s subtree (a new version when one is approved)' })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateAllocationDto) {
    return this.drafts.create(user, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Allocations in your scope or of campaigns you are a member of' })
  list(@CurrentUser() user: AuthUser, @Query() q: AllocationListQuery) {
    return this.reads.list(user, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'An allocation version with its lines, approval history and all versions' })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.reads.get(user, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Replace the lines of a draft or rejected allocation' })
  update(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateAllocationDto) {
    return this.drafts.update(user, id, dto);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'draft/rejected → submitted (allocating unit managers or office)' })
  submit(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: StepCommentDto) {
    return this.submission.submit(user, id, dto.comment);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'submitted → approved (leadership head/deputy or admin); creates or updates the tasks' })
  approve(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: StepCommentDto) {
    return this.review.approve(user, id, dto.comment);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'submitted → rejected with a reason (leadership head/deputy or admin)' })
  reject(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: RejectAllocationDto) {
    return this.review.reject(user, id, dto.reason);
  }

  @Get(':id/export')
  @ApiProduces(XLSX_MIME)
  @ApiOperation({ summary: 'This allocation version as an XLSX 任务分解表' })
  async export(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Res({ passthrough: true }) res: Response) {
    return sendXlsx(res, await this.exports.allocation(user, id));
  }
}
