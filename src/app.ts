import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest, type RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  hasZodFastifySchemaValidationErrors,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { ComponentChildren } from 'preact';
import type { Config } from './config.ts';
import type { Database, Db } from './db/database.ts';
import { modules } from './modules/index.ts';
import type { Actor } from './platform/auth/actor.ts';
import { AppError, httpStatusOf, retryAfter } from './platform/http/errors.ts';
import { csrfTokenFor, randomToken, verifyCsrf } from './platform/http/csrf.ts';
import { fieldWithNul } from './platform/http/nul-characters.ts';
import { isDatabaseUnavailable } from './platform/http/database-unavailable.ts';
import { registerAssets } from './platform/http/assets.ts';
import { securityHeaders } from './platform/http/security-headers.ts';
import { unknownFields, validationFields } from './platform/http/validation-errors.ts';
import { strictApiBodies } from './platform/http/strict-input.ts';
import { API_DESCRIPTION, apiDocsTransform } from './platform/http/openapi.ts';
import { acceptedLocale, type Locale, negotiateLocale, registerMessages, requestTranslator, type T, translator } from './platform/i18n/i18n.ts';
import { platformMessages } from './platform/i18n/messages.ts';
import { auditActionMessages } from './platform/audit/action-messages.ts';
import type { Jobs } from './platform/jobs/jobs.ts';
import type { Notifier } from './platform/notify/notifier.ts';
import type { BlobStore } from './platform/storage/blob-store.ts';
import type { InstitutionInfo, PageContext } from './platform/web/context.ts';
import { type PageOptions, type RenderedBody, renderBody, renderPage } from './platform/web/layout.tsx';
import { ErrorPage } from './platform/web/error-pages.tsx';
import type { Logger } from 'pino';
import { releaseUploadMemory, setUploadMemoryBudget } from './platform/http/multipart.ts';
import { requestLogger } from './platform/http/request-logger.ts';
import { enforceUploadQuota, type UploadVolume } from './modules/identity/upload-quota.ts';

/** What every module gets: configuration, the database, jobs, notifications and a clock. */
export type AppDeps = {
  config: Config;
  database: Database;
  db: Db;
  jobs: Jobs;
  notifier: Notifier;
  /** Content-addressed files (local disk or S3), shared by every area. */
  blobs: BlobStore;
  log: Logger;
  now: () => Date;
};

/** The Fastify instance with zod schemas as the type provider: route handlers get typed bodies and params. */
export type App = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

export type AppModule = {
  name: string;
  /** Registers routes and pages. */
  register(app: App, deps: AppDeps): Promise<void> | void;
  /** Registers job handlers and schedules (web and worker processes). */
  registerJobs?(deps: AppDeps): Promise<void> | void;
};

/** Resolves the signed-in actor from the session cookie; provided by the identity module. */
export type ActorResolver = (request: FastifyRequest, deps: AppDeps) => Promise<{ actor: Actor; sessionToken: string } | null>;

declare module 'fastify' {
  interface FastifyRequest {
    locale: Locale;
    t: T;
    actor: Actor | null;
    /** Whatever the CSRF token is bound to: the session token, or the anonymous cookie. */
    csrfBinding: string;
    csrfToken: string;
    /** Set by the app's CSRF check once this request passed it (or needs none: safe method, API call without cookies). */
    csrfVerified: boolean;
    institution: InstitutionInfo | null;
    flash: PageContext['flash'];
  }
  interface FastifyReply {
    /** Renders a full HTML page in the layout. */
    page(options: PageOptions & { status?: number }, body: ComponentChildren | RenderedBody): FastifyReply;
    /** Sets a one-time message for the next page and redirects (POST → redirect → GET). */
    redirectWithFlash(url: string, text: string, kind?: 'success' | 'info'): FastifyReply;
  }
  interface FastifyContextConfig {
    /**
     * A request the browser makes by itself while a page is open (a live-update stream): it does not count as the
     * person being active, so an open tab does not keep an idle session alive.
     */
    passiveSession?: boolean;
    /** What a person whose form arrived after their session ended is told on the sign-in page (an i18n key). */
    unsentNotice?: string;
    /** The same when the form's text was kept but not its files (an i18n key; default errors.session_ended_kept_files). */
    unsentKeptNotice?: string;
  }
}

export const SESSION_COOKIE = 'pd_session';
export const ANON_COOKIE = 'pd_anon';
export const LANG_COOKIE = 'pd_lang';
const FLASH_COOKIE = 'pd_flash';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** The bodies an HTML form of another site can send without a CORS preflight. */
const CROSS_SITE_FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);

/**
 * The same address without its `lang` parameter, as a path of this site: built from the raw request line (never
 * resolved as a URL, where `//evil.example/…` would be another host), leading slashes collapsed to one.
 */
export function withoutLang(url: string): string {
  const q = url.indexOf('?');
  const path = `/${(q < 0 ? url : url.slice(0, q)).replace(/^[/\\]+/, '')}`;
  const params = new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
  params.delete('lang');
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

/**
 * The developer tools (/dev pages, /api/v1/dev) answer only a browser on the machine itself: a loopback socket
 * and no proxy in between (a reverse proxy on the same host adds its forwarding headers).
 */
export function isLocalDeveloper(request: FastifyRequest): boolean {
  const remote = request.socket.remoteAddress ?? '';
  const loopback = remote === '127.0.0.1' || remote === '::1' || remote === '::ffff:127.0.0.1';
  const h = request.headers;
  return loopback && !h['x-forwarded-for'] && !h.forwarded && !h['x-real-ip'] && !h['x-forwarded-host'] && !h['x-forwarded-proto'];
}

const DEV_TOOLS = /^\/(api\/v1\/)?dev(\/|$|\?)/;
/** The load balancer's and orchestrator's probes (README, Production). */
const PROBES = new Set(['/health', '/ready']);

/** Strips secrets (tokens in query strings) from logged URLs. */
function redactUrl(url: string): string {
  return url.replace(/([?&](?:token|code|state|password)=)[^&]*/gi, '$1[redacted]');
}

export function pageContext(request: FastifyRequest, sessionIdleMinutes?: number): PageContext {
  const actor = request.actor;
  return {
    t: request.t,
    locale: request.locale,
    csrfToken: request.csrfToken,
    url: request.url,
    user: actor && actor.mfaPassed
      ? {
          displayName: actor.displayName,
          isOfficial: actor.isOfficial,
          isAdmin: actor.memberships.some((m) => m.role === 'administrator'),
          sessionIdleMinutes,
        }
      : null,
    institution: request.institution,
    flash: request.flash,
  };
}

function sendPage(reply: FastifyReply, opts: PageOptions & { status?: number }, body: ComponentChildren | RenderedBody, sessionIdleMinutes: number): FastifyReply {
  // Bytes, not a string: a string body would be measured (Buffer.byteLength) and then encoded again on write.
  const html = renderPage(pageContext(reply.request, sessionIdleMinutes), opts, body);
  return reply.code(opts.status ?? 200).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}

/** A page's own content rendered now in the request's language, to be kept (RenderedBodies) and sent with reply.page. */
export function renderPageBody(request: FastifyRequest, body: ComponentChildren): RenderedBody {
  return renderBody(pageContext(request), body);
}

/** Keeps a page posted after its session timed out; returns the page that offers to send it again, or null. */
export type UnsentFormKeeper = (request: FastifyRequest, deps: AppDeps, back: string | null) => Promise<{ url: string; filesToChooseAgain: boolean } | null>;

export async function buildApp(
  deps: AppDeps,
  options: { resolveActor: ActorResolver; loadInstitution: (deps: AppDeps) => Promise<InstitutionInfo | null>; keepUnsentForm?: UnsentFormKeeper },
): Promise<App> {
  const { config } = deps;
  registerMessages('platform', platformMessages);
  registerMessages('audit-actions', auditActionMessages);

  const app = Fastify({
    loggerInstance: deps.log as unknown as FastifyBaseLogger,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
    },
    // Our own request log line below redacts tokens from URLs; Fastify's default one would not.
    logController: new LogController({ requestIdLogLabel: 'requestId', disableRequestLogging: true }),
    // request.log's pino child (with the request id) is made when a request first logs, not for every request.
    childLoggerFactory: requestLogger,
    bodyLimit: 1024 * 1024,
    // A hop count as proxy-addr counts it: the nearest `n` addresses are proxies.
    trustProxy: typeof config.trustProxy === 'number' ? ((_address: string, hop: number) => hop < (config.trustProxy as number)) : config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true },
    // An address the router cannot read (bad percent-encoding, a parameter over 100 characters) names nothing here:
    // the usual 404, localised, as JSON or as the page, instead of Fastify's own body.
    // No hook has run for it: the language comes from the headers alone.
    frameworkErrors: (error, request, reply) => {
      if (error.code !== 'FST_ERR_BAD_URL' && error.code !== 'FST_ERR_MAX_PARAM_LENGTH') throw error;
      const chosen = new RegExp(`(?:^|;\\s*)${LANG_COOKIE}=(ro|en)(?:;|$)`).exec(request.headers.cookie ?? '')?.[1];
      request.locale = negotiateLocale(chosen, request.headers['accept-language']);
      request.t = requestTranslator(request.locale, request.url);
      request.csrfToken = '';
      return answerNotFound(request, reply);
    },
  }).withTypeProvider<ZodTypeProvider>();
  // Uploads held in memory by a request are given back when it ends, answered or abandoned (multipart.ts).
  setUploadMemoryBudget(config.uploadMemoryBytes);
  // Hooks every request runs are callback hooks, not async ones: no promise and microtask per hook and request.
  app.addHook('onRequestAbort', async (request) => releaseUploadMemory(request));
  app.decorate('uploadQuota', (request: FastifyRequest, volume: UploadVolume) =>
    enforceUploadQuota(deps, { accountId: request.actor?.accountId ?? null, ip: request.ip }, volume),
  );
  // Fastify's default request serializer would log the full URL, query tokens included.
  app.addHook('onResponse', (request, reply, done) => {
    releaseUploadMemory(request);
    if (config.env !== 'test' && deps.log.isLevelEnabled('info')) {
      request.log.info(
        { method: request.method, url: redactUrl(request.url), status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
        'request',
      );
    }
    done();
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Before any route is added: an API body with a property its schema does not know is refused, not stripped.
  app.addHook('onRoute', strictApiBodies);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Primăria Digitală API', version: '1.0.0', description: API_DESCRIPTION },
      servers: [{ url: config.baseUrl }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    transform: apiDocsTransform,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    uiConfig: { docExpansion: 'list' },
  });

  await app.register(fastifyCookie, { secret: config.sessionSecret });
  await app.register(fastifyFormbody);
  const headers = securityHeaders({ hsts: config.secureCookies, tileSource: config.map?.tileSource });
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(headers);
    // The API's answers carry personal data (cases, profile, access log): no browser or proxy keeps a copy, as for
    // the pages (reply.page). A route may still say otherwise (a download's 'private, no-store').
    if (request.url.startsWith('/api/v1/')) reply.header('cache-control', 'no-store');
    done();
  });
  registerAssets(app as unknown as FastifyInstance);

  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies };

  app.decorateRequest('locale', 'ro');
  app.decorateRequest('t', null as never);
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfBinding', '');
  app.decorateRequest('csrfToken', '');
  app.decorateRequest('csrfVerified', false);
  app.decorateRequest('institution', null);
  app.decorateRequest('flash', null);

  app.addHook('onRequest', (request, reply, done) => {
    const query = request.query as Record<string, unknown> | undefined;
    const chosen = query?.lang;
    if (typeof chosen === 'string' && (chosen === 'ro' || chosen === 'en') && request.method === 'GET') {
      reply.setCookie(LANG_COOKIE, chosen, { ...cookieOptions, httpOnly: false, maxAge: 365 * 24 * 3600 });
      reply.redirect(withoutLang(request.url), 303);
      return; // a hook that answers does not call done()
    }
    request.locale = negotiateLocale(request.cookies[LANG_COOKIE], request.headers['accept-language']);
    request.t = requestTranslator(request.locale, request.url);
    if (DEV_TOOLS.test(request.url) && !isLocalDeveloper(request)) {
      reply.callNotFound();
      return;
    }
    done();
  });

  // preValidation: after the body is parsed, before route schemas run — a strict zod body schema would
  // otherwise strip `_csrf` before it is checked.
  app.addHook('preValidation', async (request, reply) => {
    if (request.url.startsWith('/assets/') || request.url.startsWith('/api/docs')) return;
    // The probes need no session nor institution: with the database gone /health must still answer, /ready say why.
    if (PROBES.has(request.routeOptions.url ?? '')) return;
    const resolved = await options.resolveActor(request, deps);
    if (resolved) {
      request.actor = resolved.actor;
      request.csrfBinding = resolved.sessionToken;
      // The account's language, unless the person chose one here (pages) or an app asks for one (API).
      const asked = isApi(request) ? acceptedLocale(request.headers['accept-language']) : null;
      if (!request.cookies[LANG_COOKIE] && !asked) {
        request.locale = resolved.actor.locale;
        request.t = requestTranslator(request.locale, request.url);
      }
    } else if (isApi(request)) {
      // An app has no pages to carry a token: the API sets no anonymous cookie (see checkCsrf).
      request.csrfBinding = request.cookies[ANON_COOKIE] ?? '';
    } else {
      let anon = request.cookies[ANON_COOKIE];
      if (!anon || anon.length < 20) {
        anon = randomToken(18);
        reply.setCookie(ANON_COOKIE, anon, cookieOptions);
      }
      request.csrfBinding = anon;
    }
    request.csrfToken = csrfTokenFor(config.sessionSecret, request.csrfBinding);

    const flash = request.cookies[FLASH_COOKIE];
    if (flash) {
      const unsigned = request.unsignCookie(flash);
      if (unsigned.valid && unsigned.value) {
        try {
          request.flash = JSON.parse(unsigned.value);
        } catch {
          request.flash = null;
        }
      }
      reply.clearCookie(FLASH_COOKIE, { path: '/' });
    }

    request.institution = await options.loadInstitution(deps);

    // Multipart bodies are parsed by their route's own hook, after this one: they are checked in preHandler.
    if (!isMultipart(request)) checkCsrf(request);
  });

  app.addHook('preHandler', (request, _reply, done) => {
    try {
      if (isMultipart(request)) checkCsrf(request);
      refuseNulCharacters(request);
    } catch (error) {
      done(error as Error);
      return;
    }
    done();
  });

  /** Text with a NUL character cannot be stored (PostgreSQL): refused as invalid input, never a 500 from the query. */
  function refuseNulCharacters(request: FastifyRequest): void {
    const body = request.body as { _multipart?: { fields: unknown } } | undefined;
    const field =
      fieldWithNul(request.query) ?? fieldWithNul(request.params) ?? (body && typeof body === 'object' && '_multipart' in body ? fieldWithNul(body._multipart?.fields) : fieldWithNul(body));
    if (field) throw new AppError('invalid_character', 'invalid', {}, { [field]: 'validation.invalid_character' });
  }

  function isApi(request: FastifyRequest): boolean {
    return request.url.startsWith('/api/');
  }

  function isMultipart(request: FastifyRequest): boolean {
    return (request.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/');
  }

  /**
   * Every unsafe page request, and every API call made with a live session, must carry the token bound to it. An
   * API call without one (an app signing in, its cookie jar still holding an ended session or a page's anonymous
   * cookie) acts for nobody, so it needs no token.
   */
  function checkCsrf(request: FastifyRequest): void {
    if (SAFE_METHODS.has(request.method) || request.url.startsWith('/assets/') || request.url.startsWith('/api/docs')) {
      request.csrfVerified = true;
      return;
    }
    const body = request.body as Record<string, unknown> | undefined;
    const token = request.headers['x-csrf-token'] ?? (body && typeof body === 'object' ? body._csrf : undefined);
    const usesCookies = !isApi(request) || request.actor !== null;
    if (usesCookies && !verifyCsrf(config.sessionSecret, request.csrfBinding, token)) {
      throw new AppError('csrf', 'forbidden');
    }
    // An API call without our cookies needs no token, so it must not be something another site's page can send:
    // a cross-site form posts urlencoded, text/plain or multipart bodies; JSON or a PDF would take a CORS
    // preflight, which we never allow. Otherwise a form elsewhere could sign the visitor in to the attacker's account.
    const type = (request.headers['content-type'] ?? '').toLowerCase().split(';')[0]!.trim();
    if (!usesCookies && CROSS_SITE_FORM_TYPES.has(type)) throw new AppError('csrf', 'forbidden');
    request.csrfVerified = true;
    // Read and checked: to the API's strict body schemas (strict-input.ts) the token is no property of the call.
    if (isApi(request) && body && typeof body === 'object') delete body._csrf;
  }

  app.decorateReply('page', function (this: FastifyReply, opts: PageOptions & { status?: number }, body: ComponentChildren | RenderedBody) {
    return sendPage(this, opts, body, config.session.idleMinutes);
  });
  app.decorateReply('redirectWithFlash', function (this: FastifyReply, url: string, text: string, kind: 'success' | 'info' = 'success') {
    this.setCookie(FLASH_COOKIE, JSON.stringify({ kind, text }), { ...cookieOptions, signed: true, maxAge: 60 });
    return this.redirect(url, 303);
  });

  const wantsHtml = (request: FastifyRequest) =>
    !request.url.startsWith('/api/') && !request.url.startsWith('/open311/') && !(request.headers.accept ?? '').startsWith('application/json');

  app.setErrorHandler(async (error: Error & { statusCode?: number; code?: string }, request, reply) => {
    let status = 500;
    let code = 'internal';
    let fields: Record<string, string> | undefined;
    if (error instanceof AppError) {
      status = httpStatusOf[error.kind];
      code = error.code;
      fields = error.fields;
      retryAfter(reply, error);
    } else if (hasZodFastifySchemaValidationErrors(error)) {
      status = 400;
      code = 'validation';
      fields = validationFields(error.validation, request, (error as { validationContext?: string }).validationContext);
    } else if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.statusCode === 413) {
      status = 413;
      code = 'too_large';
    } else if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || error.statusCode === 415) {
      status = 415;
      code = 'unsupported_media_type';
    } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      status = error.statusCode;
      code = error.code?.startsWith('FST_ERR_CTP_') || error instanceof SyntaxError ? 'malformed_body' : 'bad_request';
    } else if (isDatabaseUnavailable(error)) {
      // The database is down or restarting: "try again in a minute", not "an error occurred" (nothing was saved).
      status = 503;
      code = 'unavailable';
      reply.header('retry-after', '30');
    }
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code, status }, 'request refused');
    const t = request.t ?? translator('ro');
    // An API call's translator gives an app's wording where a message tells a person to reload the page (i18n.ts).
    const unknown = unknownFields(fields);
    const message = unknown.length > 0 ? t('errors.validation.unknown_fields', { names: unknown.join(', ') }) : t(`errors.${code}`, error instanceof AppError ? error.params : undefined);
    if (!wantsHtml(request)) {
      return reply.code(status).send({ error: { code, message, ...(fields ? { fields } : {}) }, requestId: request.id });
    }
    if (!request.csrfToken) {
      request.csrfToken = '';
    }
    if ((code === 'csrf' || status === 401) && request.method === 'POST' && !request.actor && request.cookies[SESSION_COOKIE] && options.keepUnsentForm) {
      // A page sent after its session timed out: what was typed on it waits for the next sign-in, which offers to
      // send it again; of a page with files (refused before its body was read) only the text is kept, and the files
      // are chosen again.
      const kept = await options.keepUnsentForm(request, deps, ownReferrer(request)).catch((err: unknown) => {
        request.log.warn({ err }, 'unsent form not kept');
        return null;
      });
      if (kept) {
        const notice = kept.filesToChooseAgain ? (request.routeOptions.config.unsentKeptNotice ?? 'errors.session_ended_kept_files') : 'errors.session_ended_kept';
        return reply.redirectWithFlash(`/autentificare?next=${encodeURIComponent(kept.url)}`, t(notice), 'info');
      }
    }
    if (code === 'csrf') {
      // A form of our own that came back too late: the session ended meanwhile (idle timeout, signed out in another
      // tab) or the page is older than the session. Back to that page (the referrer, only when it is ours: another
      // site's form keeps the plain refusal), through sign-in when the session is gone; what was saved is waiting.
      const back = ownReferrer(request);
      if (back && !request.actor && request.cookies[SESSION_COOKIE]) {
        return reply.redirectWithFlash(`/autentificare?next=${encodeURIComponent(back)}`, t('errors.csrf_session_ended'), 'info');
      }
      if (back) return reply.redirectWithFlash(back, t('errors.csrf_stale_page'), 'info');
    }
    if (status === 401) {
      // A session that owes the second factor goes to that step; anyone else signs in first.
      if (request.actor && !request.actor.mfaPassed) {
        const target = request.actor.totpEnabled ? '/autentificare/doi-factori' : '/cont/doi-factori';
        return reply.redirect(`${target}?next=${encodeURIComponent(request.url)}`, 303);
      }
      // A form that arrived after the session ended (a file upload is read before the session is looked at): back to
      // its page through sign-in, told that what was sent did not arrive — the form's own address is no page to return to.
      // A route may say it in its own words (`unsentNotice`: the registry's "no number was given").
      if (request.method === 'POST' && request.cookies[SESSION_COOKIE]) {
        const back = ownReferrer(request) ?? request.url;
        return reply.redirectWithFlash(`/autentificare?next=${encodeURIComponent(back)}`, t(request.routeOptions.config.unsentNotice ?? 'errors.session_ended_unsent'), 'info');
      }
      return reply.redirect(`/autentificare?next=${encodeURIComponent(request.url)}`, 303);
    }
    // Back to the page the request was sent from (a draft whose upload was over the quota, a form refused, a link to a
    // case that is not there), when it is a page of this site — not the address that just failed to open: what was
    // saved waits there.
    const referrer = ownReferrer(request);
    const back = referrer && !(request.method === 'GET' && referrer === request.url) ? referrer : null;
    return reply.page(
      { title: t(`errors.page.${status}.title`), status },
      ErrorPage({ status, message, requestId: request.id, t, retryAt: error instanceof AppError ? error.retryAt : undefined, back }),
    );
  });

  /** The path of the page the request came from, when it is a page of this site (same host), else null. */
  function ownReferrer(request: FastifyRequest): string | null {
    const referer = request.headers.referer;
    if (!referer || referer.length > 2000) return null;
    try {
      const url = new URL(referer);
      if (url.host !== request.headers.host || (url.protocol !== 'http:' && url.protocol !== 'https:')) return null;
      const path = `${url.pathname}${url.search}`;
      return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/api/') ? path : null;
    } catch {
      return null;
    }
  }

  app.setNotFoundHandler(answerNotFound);

  function answerNotFound(request: FastifyRequest, reply: FastifyReply) {
    const t = request.t ?? translator('ro');
    if (!wantsHtml(request)) {
      return reply.code(404).send({ error: { code: 'not_found', message: t('errors.not_found') }, requestId: request.id });
    }
    // Not reply.page: an address the router could not read gets a reply without the app's decorations.
    return sendPage(reply, { title: t('errors.page.404.title'), status: 404 }, ErrorPage({ status: 404, message: t('errors.not_found'), requestId: request.id, t }), config.session.idleMinutes);
  }

  app.get('/health', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/ready', { schema: { hide: true } }, async (request, reply) => {
    try {
      const { pendingMigrations } = await import('./db/migrate.ts');
      const pending = await pendingMigrations(deps.database);
      if (pending.length > 0) return reply.code(503).send({ status: 'migrations_pending', pending });
      return { status: 'ready', database: deps.database.kind };
    } catch (err) {
      request.log.warn({ err }, 'database not reachable');
      return reply.code(503).send({ status: 'database_unreachable' });
    }
  });

  for (const m of modules) await m.register(app, deps);
  return app;
}
