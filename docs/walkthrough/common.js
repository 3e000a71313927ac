// Opens headless Chromium and signs in to Tasklist (demo users: password "demo", admin: "admin").
const { chromium } = require('playwright-core');
exports.open = async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('response', r => { if (r.status() >= 400 && !r.url().includes('welcome') && !r.url().includes('auth/user')) console.log('HTTP', r.status(), r.url()); });
  return { browser, page };
};
exports.login = async (page, user) => {
  await page.goto(`${process.env.YIZHAN_URL || 'http://127.0.0.1:8080'}/camunda/app/tasklist/`);
  await page.waitForSelector('input[placeholder="Username"]', { timeout: 20000 });
  await page.fill('input[placeholder="Username"]', user);
  await page.fill('input[placeholder="Password"]', (user === 'admin' ? 'admin' : 'demo'));
  await page.click('button[type="submit"]');
  await page.waitForTimeout(3000);
};
