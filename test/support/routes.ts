import { IS_PUBLIC_KEY } from '@app/common';
import type { INestApplication } from '@nestjs/common';
import { PATH_METADATA, METHOD_METADATA, VERSION_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';

import { REQUIRED_ROLES_KEY, REQUIRED_SCOPES_KEY } from '../../src/modules/security/auth/auth.decorators.js';
import type { Role, Scope } from '../../src/modules/security/index.js';

export interface RouteInfo {
  method: string;
  /** Concrete path with every `:param` replaced by a UUID. */
  path: string;
  template: string;
  isPublic: boolean;
  /** Declared with @RequireScopes or @Roles (on the handler or its controller). */
  declaresAccess: boolean;
  scopes: Scope[];
  /** Roles from @Roles: only users with one of them, admin users, or keys with `security:admin` pass. */
  roles: Role[];
}

const SAMPLE_ID = '00000000-0000-4000-8000-000000000000';

function joinPath(...parts: Array<string | undefined>): string {
  const joined = parts
    .filter((part): part is string => part !== undefined && part !== '' && part !== '/')
    .map((part) => part.replace(/^\/+|\/+$/g, ''))
    .join('/');
  return `/${joined}`;
}

/** Every route the app's controllers register, with its access metadata, read through Nest's discovery. */
export function listRoutes(app: INestApplication): RouteInfo[] {
  const discovery = app.get(DiscoveryService, { strict: false });
  const scanner = new MetadataScanner();
  const routes: RouteInfo[] = [];
  for (const wrapper of discovery.getControllers()) {
    const controller = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
    const instance = wrapper.instance as object | undefined;
    if (!controller || !instance) {
      continue;
    }
    const basePath = Reflect.getMetadata(PATH_METADATA, controller) as string | undefined;
    const version = Reflect.getMetadata(VERSION_METADATA, controller) as string | undefined;
    const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name] as object;
      const methodPath = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      if (methodPath === undefined) {
        continue;
      }
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      const read = <T>(key: string): T | undefined => (Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller)) as T | undefined;
      const template = joinPath(version ? `v${version}` : undefined, basePath, methodPath);
      routes.push({
        method,
        path: template.replace(/:[A-Za-z]+/g, SAMPLE_ID),
        template,
        isPublic: read<boolean>(IS_PUBLIC_KEY) === true,
        declaresAccess: read(REQUIRED_SCOPES_KEY) !== undefined || read(REQUIRED_ROLES_KEY) !== undefined,
        scopes: read<Scope[]>(REQUIRED_SCOPES_KEY) ?? [],
        roles: read<Role[]>(REQUIRED_ROLES_KEY) ?? [],
      });
    }
  }
  return routes;
}
