// The demo logins `seed --demo` creates. The password is published (README, `npm run dev`), so a production
// install refuses to seed them and its web process refuses to serve while a staff account still has it.
export const DEMO_PASSWORD = 'EzscaleDemo!2026';
export const DEMO_ADMIN_EMAIL = 'admin@ezscale.example';
export const DEMO_CUSTOMER_EMAIL = 'customer@ezscale.example';
