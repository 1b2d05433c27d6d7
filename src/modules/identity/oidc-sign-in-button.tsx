import type { T } from '../../platform/i18n/i18n.ts';
import { Button } from '../../platform/web/components.tsx';

export const OIDC_START_PATH = '/autentificare/oidc/start';

/**
 * "Sign in with ROeID" for the sign-in page. Render it only when `oidcSettings(deps.config)` is not null;
 * `next` is where to land after signing in (a path on this site).
 */
export function OidcSignInButton(props: { t: T; providerName: string; next?: string | null }) {
  const href = props.next ? `${OIDC_START_PATH}?next=${encodeURIComponent(props.next)}` : OIDC_START_PATH;
  return (
    <Button href={href} variant="secondary">
      {props.t('oidc.sign_in_with', { name: props.providerName })}
    </Button>
  );
}
