import { multipartBody as platformMultipartBody } from '../../platform/http/multipart.ts';
import { MAX_SCANS } from './check-scans.ts';

export { type MultipartForm, readMultipartForm } from '../../platform/http/multipart.ts';

/** The registry's forms (registering a document, filing at the counter): at most MAX_SCANS scans, each within `limitBytes`. */
export const multipartBody = (limitBytes: number) => platformMultipartBody(limitBytes, MAX_SCANS);

/**
 * A registry form that arrives after the clerk's session ended (idle at a busy counter, signed out in another tab) is
 * not registered (the platform's multipart reader refuses it first); the sign-in page says nothing was registered — the
 * sign-in page alone left a clerk believing the paper had its number — and leads back to the form, or, after an idle
 * timeout, to the form's text kept for sending again with its scans chosen anew (keep-unsent-form.ts).
 */
export const SESSION_ENDED_CONFIG = { unsentNotice: 'registry.session_ended_unsent', unsentKeptNotice: 'registry.session_ended_kept' };
