import { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import { ROLES } from '../../platform/auth/actor.ts';
import { requireActor } from '../identity/guards.ts';
import { inviteOfficial } from './invite-official.ts';
import { listOfficials } from './list-officials.ts';
import { revokeInvitation } from './revoke-invitation.ts';
import { revokeMembership } from './revoke-membership.ts';

const Official = z.object({
  membershipId: z.string().uuid(),
  accountId: z.string().uuid(),
  displayName: z.string(),
  email: z.string(),
  role: z.string(),
  departmentId: z.string().uuid().nullable(),
  departmentName: z.string().nullable(),
  twoFactorEnabled: z.boolean(),
  since: z.string().describe('ISO 8601'),
});
const PendingInvitation = z.object({
  id: z.string().uuid(),
  email: z.string(),
  displayName: z.string(),
  role: z.string(),
  departmentId: z.string().uuid().nullable(),
  expiresAt: z.string().describe('ISO 8601'),
});
const InstitutionParams = z.object({ institutionId: z.string().uuid() });
const InviteBody = z.object({
  email: z.string().max(254),
  displayName: z.string().max(200),
  role: z.enum(ROLES),
  departmentId: z.string().uuid().nullable().optional().describe('Omit or null for the whole institution'),
});
const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.string()).optional() }), requestId: z.string() });
const security = [{ session: [], csrf: [] }];

/** JSON API of the administration: an institution's officials and invitations. */
export function registerAdminRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/v1/institutions/:institutionId/officials',
    {
      schema: {
        tags: ['admin'],
        summary: 'Officials of an institution (and pending invitations, for administrators)',
        params: InstitutionParams,
        security,
        response: { 200: z.object({ officials: z.array(Official), invitations: z.array(PendingInvitation) }), 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const list = await listOfficials(deps, { actor, institutionId: request.params.institutionId });
      return {
        officials: list.officials.map((o) => ({
          membershipId: o.membershipId,
          accountId: o.accountId,
          displayName: o.displayName,
          email: o.email,
          role: o.role,
          departmentId: o.departmentId,
          departmentName: o.departmentName,
          twoFactorEnabled: Boolean(o.totpEnabled),
          since: new Date(o.since).toISOString(),
        })),
        invitations: list.invitations.map((i) => ({
          id: i.id,
          email: i.email,
          displayName: i.displayName,
          role: i.role,
          departmentId: i.departmentId,
          expiresAt: i.expiresAt.toISOString(),
        })),
      };
    },
  );

  app.post(
    '/api/v1/institutions/:institutionId/invitations',
    {
      schema: {
        tags: ['admin'],
        summary: 'Invite an official by email (the link is sent only by email)',
        params: InstitutionParams,
        body: InviteBody,
        security,
        response: { 201: z.object({ id: z.string().uuid(), email: z.string(), expiresAt: z.string() }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const sent = await inviteOfficial(deps, { actor, institutionId: request.params.institutionId, invite: request.body });
      return reply.code(201).send({ id: sent.invitationId, email: sent.email, expiresAt: sent.expiresAt.toISOString() });
    },
  );

  app.post(
    '/api/v1/invitations/:invitationId/revoke',
    {
      schema: {
        tags: ['admin'],
        summary: 'Cancel a pending invitation',
        params: z.object({ invitationId: z.string().uuid() }),
        security,
        response: { 200: z.object({ id: z.string().uuid(), revoked: z.literal(true) }), 401: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await revokeInvitation(deps, { actor, invitationId: request.params.invitationId });
      return { id: request.params.invitationId, revoked: true as const };
    },
  );

  app.post(
    '/api/v1/memberships/:membershipId/revoke',
    {
      schema: {
        tags: ['admin'],
        summary: 'Revoke an official’s role in an institution',
        params: z.object({ membershipId: z.string().uuid() }),
        security,
        response: { 200: z.object({ id: z.string().uuid(), revoked: z.literal(true) }), 401: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await revokeMembership(deps, { actor, membershipId: request.params.membershipId });
      return { id: request.params.membershipId, revoked: true as const };
    },
  );
}
