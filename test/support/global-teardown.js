import pg from 'pg';

export default async function globalTeardown() {
  const adminUrl = process.env.BULWARK_TEST_ADMIN_URL;
  const template = process.env.BULWARK_TEST_TEMPLATE;
  if (adminUrl && template) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(template)} WITH (FORCE)`);
    await admin.end();
  }
  await globalThis.bulwarkTestPostgres?.stop();
}
