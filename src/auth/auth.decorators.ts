import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Actor, Role } from './roles.js';
import type { User } from '../users/user.entity.js';

export const PUBLIC_KEY = 'calumet:public';
export const MIN_ROLE_KEY = 'calumet:min-role';

/** No token needed (health, docs). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
/** The least role that may call the route; any signed-in user when absent. */
export const MinRole = (role: Role) => SetMetadata(MIN_ROLE_KEY, role);

export type AuthenticatedRequest = FastifyRequest & { user?: User };

/** The signed-in user as an actor for services and the timeline. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user!;
  return { kind: 'user', id: user.id, role: user.role };
});

export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): User => context.switchToHttp().getRequest<AuthenticatedRequest>().user!,
);
