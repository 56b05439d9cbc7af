import { SetMetadata } from '@nestjs/common';

export const ACCEPTS_KEY = 'bulwark:accepts';
export const JSON_MEDIA_TYPES = ['application/json', 'application/*+json'];

/** Media types a route's request body may have; without it, JSON only. Enforced by {@link ContentTypeGuard}. */
export const Accepts = (...mediaTypes: string[]): MethodDecorator & ClassDecorator => SetMetadata(ACCEPTS_KEY, mediaTypes);
