import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC_KEY = 'bulwark:isPublic';

/** Marks a route (or controller) as reachable without authentication; the auth guard reads it. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_KEY, true);
