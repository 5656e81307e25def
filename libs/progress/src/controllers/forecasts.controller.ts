import { AuthUser, CurrentUser } from '#core';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ForecastListDto, ForecastQuery } from '../dto/forecast.dto';
import { ForecastService } from '../services/forecast.service';

@ApiTags('progress')
@ApiBearerAuth()
@Controller('forecasts')
export class ForecastsController {
  constructor(private readonly forecasts: ForecastService) {}

  @Get()
  @ApiOperation({
    summary:
      "Where each child unit's task is headed at the current pace (linear since the start and the last four weeks' trend): the figure at the deadline, the day the target is reached, and the pace needed from today; by default only those that will miss the deadline, worst first",
  })
  @ApiOkResponse({ type: ForecastListDto })
  list(@CurrentUser() user: AuthUser, @Query() q: ForecastQuery): Promise<ForecastListDto> {
    return this.forecasts.list(user, q);
  }
}
