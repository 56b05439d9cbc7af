import { PageQueryDto } from '@app/common';
import { IntersectionType } from '@nestjs/swagger';

import { AuditFilterQueryDto } from './audit-filter-query.dto.js';

/** `GET /v1/audit/events`: filters plus `?limit=&cursor=`, newest first. */
export class ListAuditEventsQueryDto extends IntersectionType(PageQueryDto, AuditFilterQueryDto) {}
