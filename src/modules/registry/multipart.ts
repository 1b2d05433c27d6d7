import { multipartBody as platformMultipartBody } from '../../platform/http/multipart.ts';
import { MAX_SCANS } from './check-scans.ts';

export { type MultipartForm, readMultipartForm } from '../../platform/http/multipart.ts';

/** The registry's forms: at most MAX_SCANS scans, each within `limitBytes`. */
export const multipartBody = (limitBytes: number) => platformMultipartBody(limitBytes, MAX_SCANS);
