/**
 * A delivery that did not happen. `permanent` means sending the same message again would be refused again
 * (SMTP 5xx, gateway 4xx, an invalid number): the message is marked failed at once instead of retried.
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DeliveryError';
  }
}
