import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Actor, Role } from '../common/roles.js';
import type { Principal } from './principal-directory.js';

export const PUBLIC_KEY = 'calumet:public';
export const MIN_ROLE_KEY = 'calumet:min-role';

/** No token needed (health, docs). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
/** The least role that may call the route; any signed-in user when absent. */
export const MinRole = (role: Role) => SetMetadata(MIN_ROLE_KEY, role);

export type AuthenticatedRequest = FastifyRequest & { user?: Principal };

/** The signed-in user as an actor for services and the timeline. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user!;
  return { kind: 'user', id: user.id, role: user.role };
});

export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal => context.switchToHttp().getRequest<AuthenticatedRequest>().user!,
);
