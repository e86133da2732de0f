// One place for the ports and database the browser journeys use, apart from a developer's running instance.
export const E2E_PORT = 3100;
export const E2E_ENV: Record<string, string> = {
  DATABASE_URL: process.env.E2E_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/ezscale_e2e',
  REDIS_PREFIX: 'ezs_e2e',
  APP_MODE: 'sandbox',
  // The key of the e2e database alone, which e2e/prepare.ts drops and refills every run; the app has no built-in key.
  APP_KEY: 'ZTJlLW9ubHkta2V5LW5vdC1mb3ItcmVhbC1kYXRhISE=',
  APP_DOMAIN: 'localhost',
  APP_PORT: String(E2E_PORT),
  SANDBOX_HTTP_PORT: '4110',
  SANDBOX_SMTP_PORT: '2625',
  SANDBOX_DNS_PORT: '4153',
  // Provisioning retries back off from 2 s instead of 4 min, so a journey sees a retry finish.
  PROVISIONING_RETRY_BASE_MS: '2000',
};

export const url = (sub: string, path = '/') => `http://${sub}localhost:${E2E_PORT}${path}`;
export const SANDBOX_URL = `http://127.0.0.1:${E2E_ENV.SANDBOX_HTTP_PORT}`;
